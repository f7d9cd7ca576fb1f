// Every failure is an RFC 9457 problem of the contract's types.
#include "api_fixture.h"

namespace datahub::testing {
namespace {

void expect_problem(const Reply& r, int status, const std::string& name) {
  EXPECT_EQ(r.status, status) << r.raw;
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json") << r.raw;
  EXPECT_EQ(r.body["type"], "urn:datahub:problem:" + name) << r.raw;
  EXPECT_EQ(r.body["status"], status);
  EXPECT_TRUE(r.body["title"].is_string());
  EXPECT_TRUE(r.body["detail"].is_string());
}

TEST_F(ApiTest, HealthNeedsNoToken) {
  httplib::Client anonymous("127.0.0.1", m_server->port());
  auto r = to_reply(anonymous.Get("/api/health"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body["status"], "ok");
  EXPECT_TRUE(r.body["version"].is_string());
  EXPECT_EQ(r.body["store"], "ok") << "the embedded store is always there";
}

TEST_F(ApiTest, EveryOtherRouteNeedsTheAdminToken) {
  httplib::Client anonymous("127.0.0.1", m_server->port());
  for (const char* path : {"/api/connectors", "/api/openapi.json", "/api/connectors/c_x",
                           "/api/connectors/c_x/history"}) {
    auto r = to_reply(anonymous.Get(path));
    expect_problem(r, 401, "unauthorized");
    EXPECT_EQ(r.header("WWW-Authenticate"), "Bearer") << path;
  }
  auto post = to_reply(
      anonymous.Post("/api/connectors", no_auth_connector("x").dump(), "application/json"));
  expect_problem(post, 401, "unauthorized");

  httplib::Client wrong("127.0.0.1", m_server->port());
  wrong.set_bearer_token_auth("not-the-token");
  expect_problem(to_reply(wrong.Get("/api/connectors")), 401, "unauthorized");
  httplib::Client basic("127.0.0.1", m_server->port());
  basic.set_basic_auth("admin", ServerProcess::admin_token().c_str());
  expect_problem(to_reply(basic.Get("/api/connectors")), 401, "unauthorized");
}

TEST_F(ApiTest, MalformedJsonIs400) {
  expect_problem(raw_post("/api/connectors", "{\"name\": ", "application/json"), 400,
                 "bad-request");
}

TEST_F(ApiTest, WrongJsonTypesAre400ListingTheFields) {
  json body = no_auth_connector("ERP");
  body["name"] = 42;
  body["timeout_ms"] = "fast";
  Reply r = post("/api/connectors", body);
  expect_problem(r, 400, "bad-request");
  std::set<std::string> fields;
  for (const auto& e : r.body["errors"]) fields.insert(e["field"]);
  EXPECT_TRUE(fields.count("name")) << r.raw;
  EXPECT_TRUE(fields.count("timeout_ms")) << r.raw;
  expect_problem(post("/api/connectors", json::array()), 400, "bad-request");
}

TEST_F(ApiTest, NonJsonBodyIs415) {
  expect_problem(raw_post("/api/connectors", "name=ERP", "application/x-www-form-urlencoded"), 415,
                 "unsupported-media-type");
}

TEST_F(ApiTest, BodyOverOneMebibyteIs413) {
  json body = no_auth_connector("ERP");
  body["padding"] = std::string(1024 * 1024 + 10, 'x');
  expect_problem(post("/api/connectors", body), 413, "payload-too-large");
}

TEST_F(ApiTest, ValidationListsEveryBrokenField) {
  json body = {{"type", "api"},
               {"name", ""},
               {"base_url", "ftp://user:pw@erp.example.com/#frag"},
               {"timeout_ms", 0},
               {"auth", {{"method", "oauth2"}, {"grant_type", "password"}, {"token_url", "nope"}}},
               {"headers",
                {{{"name", "Bad Name"}, {"value", "a\r\nb"}}, {{"name", "Host"}, {"value", "x"}}}}};
  Reply r = post("/api/connectors", body);
  expect_problem(r, 422, "validation");
  std::set<std::string> fields;
  for (const auto& e : r.body["errors"]) {
    fields.insert(e["field"]);
    EXPECT_FALSE(e["message"].get<std::string>().empty());
  }
  for (const char* field :
       {"name", "base_url", "timeout_ms", "auth.token_url", "auth.client_id", "auth.username",
        "auth.password", "headers[0].name", "headers[0].value", "headers[1].name"}) {
    EXPECT_TRUE(fields.count(field)) << field << " missing in " << r.raw;
  }
}

TEST_F(ApiTest, OtherConnectorTypesAre422) {
  json body = no_auth_connector("FTP thing");
  body["type"] = "ftp";
  Reply r = post("/api/connectors", body);
  expect_problem(r, 422, "validation");
  EXPECT_EQ(r.body["errors"][0]["field"], "type");
}

TEST_F(ApiTest, UnknownRoutesAreProblems) {
  expect_problem(get("/api/nothing-here"), 404, "not-found");
}

TEST_F(ApiTest, ListQueryErrorsAre400) {
  expect_problem(get("/api/connectors?limit=0"), 400, "bad-request");
  expect_problem(get("/api/connectors?limit=501"), 400, "bad-request");
  expect_problem(get("/api/connectors?limit=ten"), 400, "bad-request");
  expect_problem(get("/api/connectors?status=sleeping"), 400, "bad-request");
  expect_problem(get("/api/connectors?cursor=garbage!!"), 400, "bad-request");
}

}  // namespace
}  // namespace datahub::testing
