#include "api_fixture.h"

namespace datahub::testing {

Reply to_reply(const httplib::Result& result) {
  Reply reply;
  if (!result) return reply;
  reply.status = result->status;
  reply.raw = result->body;
  reply.headers = result->headers;
  reply.body = json::parse(result->body, nullptr, false);
  if (reply.body.is_discarded()) reply.body = nullptr;
  return reply;
}

json no_auth_connector(const std::string& name, const std::string& base_url) {
  return {{"type", "api"}, {"name", name}, {"base_url", base_url}, {"auth", {{"method", "none"}}}};
}

json oauth_connector(const std::string& name, const std::string& secret) {
  return {{"type", "api"},
          {"name", name},
          {"base_url", "https://erp.example.com/api"},
          {"auth",
           {{"method", "oauth2"},
            {"grant_type", "client_credentials"},
            {"token_url", "https://idp.example.com/oauth/token"},
            {"client_id", "hub"},
            {"client_secret", secret}}},
          {"headers",
           {{{"name", "X-API-Key"}, {"value", secret + "-header"}, {"secret", true}},
            {{"name", "X-Tenant"}, {"value", "acme"}}}}};
}

void ApiTest::start(ServerConfig config) {
  m_server.reset();  // a server before this one would still hold the data directory's lock
  if (!m_dir) m_dir = std::make_unique<TempDir>();
  m_config = std::move(config);
  m_config.data_dir = m_dir->path() + "/data";
  m_server = std::make_unique<ServerProcess>(m_config);
  ASSERT_TRUE(m_server->started()) << m_server->output();
  m_client = m_server->client();
}

void ApiTest::restart() {
  ASSERT_EQ(m_server->stop(), 0) << m_server->output();
  m_server = std::make_unique<ServerProcess>(m_config);
  ASSERT_TRUE(m_server->started()) << m_server->output();
  m_client = m_server->client();
}

Reply ApiTest::get(const std::string& path, const httplib::Headers& headers) {
  return to_reply(m_client->Get(path, headers));
}

Reply ApiTest::post(const std::string& path, const json& body, const httplib::Headers& headers) {
  return to_reply(m_client->Post(path, headers, body.dump(), "application/json"));
}

Reply ApiTest::put(const std::string& path, const json& body, const httplib::Headers& headers) {
  return to_reply(m_client->Put(path, headers, body.dump(), "application/json"));
}

Reply ApiTest::del(const std::string& path, const httplib::Headers& headers) {
  return to_reply(m_client->Delete(path, headers));
}

Reply ApiTest::raw_post(const std::string& path, const std::string& body, const std::string& type) {
  return to_reply(m_client->Post(path, body, type));
}

json ApiTest::create(const json& body) {
  Reply r = post("/api/connectors", body);
  EXPECT_EQ(r.status, 201) << r.raw;
  return r.body;
}

}  // namespace datahub::testing
