// A fixture with a fresh datahub-server per test, and small JSON helpers.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "server_process.h"

namespace datahub::testing {

using nlohmann::json;

struct Reply {
  int status = 0;
  json body;  // parsed when the answer is JSON, else null
  std::string raw;
  httplib::Headers headers;
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

Reply to_reply(const httplib::Result& result);

// A minimal valid No Auth connector.
json no_auth_connector(const std::string& name,
                       const std::string& base_url = "https://erp.example.com/api/v2");
// An OAuth 2.0 client-credentials connector with a secret and a secret header.
json oauth_connector(const std::string& name, const std::string& secret);

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override { start(); }
  void start(ServerConfig config = {});
  // A server that may reach the tests' peers on loopback (the destination guard refuses
  // private networks unless told).
  void start_reaching_loopback() {
    ServerConfig config;
    config.extra_args = {"--allow-private-networks"};
    start(config);
  }
  void restart();

  Reply get(const std::string& path, const httplib::Headers& headers = {});
  Reply post(const std::string& path, const json& body, const httplib::Headers& headers = {});
  Reply put(const std::string& path, const json& body, const httplib::Headers& headers = {});
  Reply del(const std::string& path, const httplib::Headers& headers = {});
  Reply raw_post(const std::string& path, const std::string& body, const std::string& type);
  // Creates a connector and returns it (asserting 201).
  json create(const json& body);

  std::unique_ptr<TempDir> m_dir;
  ServerConfig m_config;
  std::unique_ptr<ServerProcess> m_server;
  std::unique_ptr<httplib::Client> m_client;
};

}  // namespace datahub::testing
