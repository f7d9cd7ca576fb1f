// The proxied response codec: the backend's answer to /request reads back the same.
#include "datahub/proxy_response.h"

#include <gtest/gtest.h>

namespace datahub {
namespace {

using nlohmann::json;

TEST(ProxyResponseJson, WhatTheBackendWroteReadsBackAndWritesTheSameJson) {
  const json written = json::parse(R"({"status":201,"headers":{"content-type":"application/json",
    "set-cookie":"a=1, b=2"},"body":"{\"id\":1}","body_truncated":false,"latency_ms":4.5})");
  auto response = proxy_response_from_json(written);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(response->headers.at("set-cookie"), "a=1, b=2");
  EXPECT_EQ(to_json(*response), written);
}

TEST(ProxyResponseJson, ReadOfWriteIsTheSameResponse) {
  ProxyResponse r{502, {{"x", "y"}}, std::string("caf\xc3\xa9"), true, 0.125};
  auto back = proxy_response_from_json(to_json(r));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, r);
  EXPECT_FALSE(proxy_response_from_json(json::parse(R"({"status":"200"})")));
  EXPECT_FALSE(proxy_response_from_json(json::parse(R"({"headers":{"a":1}})")));
}

}  // namespace
}  // namespace datahub
