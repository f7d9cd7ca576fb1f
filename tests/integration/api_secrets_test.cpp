// Write-only secrets: never in a response, a history entry, the log or the raw store.
#include <filesystem>

#include "api_fixture.h"

namespace datahub::testing {
namespace {

const std::string kSentinel = "SENTINEL-7f3a9c-secret";

TEST_F(ApiTest, SecretsAreWriteOnlyAndReportedAsSet) {
  Reply r = post("/api/connectors", oauth_connector("ERP", kSentinel));
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.raw.find(kSentinel), std::string::npos);
  EXPECT_EQ(r.body["auth"]["client_secret_set"], true);
  EXPECT_FALSE(r.body["auth"].contains("client_secret"));
  EXPECT_EQ(r.body["headers"][0]["value_set"], true);
  EXPECT_FALSE(r.body["headers"][0].contains("value"));
  EXPECT_EQ(r.body["headers"][1]["value"], "acme");  // a plain header travels as is
  const std::string id = r.body["id"];
  for (const std::string& path : {"/api/connectors/" + id, std::string("/api/connectors"),
                                  "/api/connectors/" + id + "/history"}) {
    EXPECT_EQ(get(path).raw.find(kSentinel), std::string::npos) << path;
  }
}

TEST_F(ApiTest, PutKeepsReplacesOrClearsWriteOnlyValues) {
  json c = create(oauth_connector("ERP", kSentinel));
  const std::string path = "/api/connectors/" + c["id"].get<std::string>();

  json keep = oauth_connector("ERP", "");
  keep["auth"]["client_secret"] = nullptr;  // null keeps
  keep["headers"][0].erase("value");        // absent keeps (matched by name)
  Reply kept = put(path, keep, {{"If-Match", "\"1\""}});
  ASSERT_EQ(kept.status, 200) << kept.raw;
  EXPECT_EQ(kept.body["auth"]["client_secret_set"], true);
  EXPECT_EQ(kept.body["headers"][0]["value_set"], true);

  json replace = oauth_connector("ERP", kSentinel + "-new");
  Reply replaced = put(path, replace, {{"If-Match", "\"2\""}});
  ASSERT_EQ(replaced.status, 200) << replaced.raw;
  Reply h = get(path + "/history");
  bool secret_change = false;
  for (const auto& change : h.body["items"][0]["changes"]) {
    if (change["field"] == "auth.client_secret") {
      secret_change = true;
      EXPECT_EQ(change["to"], "(changed)");
    }
  }
  EXPECT_TRUE(secret_change) << h.raw;
  EXPECT_EQ(h.raw.find(kSentinel), std::string::npos);

  // "" clears; a client-credentials connector then lacks its secret.
  json clear = oauth_connector("ERP", "");
  Reply cleared = put(path, clear, {{"If-Match", "\"3\""}});
  EXPECT_EQ(cleared.status, 422) << cleared.raw;
  EXPECT_EQ(cleared.body["errors"][0]["field"], "auth.client_secret");
}

TEST_F(ApiTest, SecretsDoNotFollowTheConnectorToAnotherServer) {
  json c = create(oauth_connector("ERP", kSentinel));
  const std::string path = "/api/connectors/" + c["id"].get<std::string>();
  json moved = oauth_connector("ERP", "");
  moved["base_url"] = "https://collector.example.net/api";
  moved["auth"].erase("client_secret");
  moved["headers"][0].erase("value");
  Reply refused = put(path, moved, {{"If-Match", "\"1\""}});
  ASSERT_EQ(refused.status, 422) << refused.raw;
  ASSERT_EQ(refused.body["errors"].size(), 2u) << refused.raw;
  EXPECT_EQ(refused.body["errors"][0]["field"], "headers[0].value");
  // The token the stored client secret gets would go to the new base URL.
  EXPECT_EQ(refused.body["errors"][1]["field"], "auth.client_secret");

  moved["headers"][0]["value"] = "typed-again";
  moved["auth"]["client_secret"] = "typed-again-too";
  Reply saved = put(path, moved, {{"If-Match", "\"1\""}});
  ASSERT_EQ(saved.status, 200) << saved.raw;

  moved["auth"]["token_url"] = "https://collector.example.net/token";
  moved["auth"].erase("client_secret");
  moved["headers"][0].erase("value");  // the base URL stays: the header may stay
  Reply token_moved = put(path, moved, {{"If-Match", "\"2\""}});
  ASSERT_EQ(token_moved.status, 422) << token_moved.raw;
  EXPECT_EQ(token_moved.body["errors"][0]["field"], "auth.client_secret");
}

// The secrets that mint the token may not stay behind when the base URL moves: the next call
// would send a Bearer token they obtained to the new origin.
TEST_F(ApiTest, APasswordGrantConnectorMovedElsewhereNeedsItsSecretsAgain) {
  json body = oauth_connector("ERP", kSentinel);
  body["auth"]["grant_type"] = "password";
  body["auth"]["username"] = "svc-hub";
  body["auth"]["password"] = kSentinel + "-password";
  json c = create(body);
  const std::string path = "/api/connectors/" + c["id"].get<std::string>();

  json moved = body;
  moved["base_url"] = "https://collector.example.net/api";
  moved["auth"].erase("client_secret");
  moved["auth"].erase("password");
  moved["headers"][0]["value"] = "header-typed-again";  // only the OAuth2 secrets stay behind
  Reply refused = put(path, moved, {{"If-Match", "\"1\""}});
  ASSERT_EQ(refused.status, 422) << refused.raw;
  ASSERT_EQ(refused.body["errors"].size(), 2u) << refused.raw;
  EXPECT_EQ(refused.body["errors"][0]["field"], "auth.client_secret");
  EXPECT_EQ(refused.body["errors"][1]["field"], "auth.password");
  EXPECT_EQ(get(path).body["base_url"], body["base_url"]) << "nothing was saved";

  moved["auth"]["client_secret"] = "client-typed-again";
  moved["auth"]["password"] = "password-typed-again";
  EXPECT_EQ(put(path, moved, {{"If-Match", "\"1\""}}).status, 200);
}

// A short secret is quick to guess and cannot be masked reliably in what an upstream echoes.
TEST_F(ApiTest, SecretsShorterThanEightBytesAreRefused) {
  json body = oauth_connector("ERP", "1234567");
  body["headers"][0]["value"] = "abc";
  Reply r = post("/api/connectors", body);
  ASSERT_EQ(r.status, 422) << r.raw;
  ASSERT_EQ(r.body["errors"].size(), 2u) << r.raw;
  EXPECT_EQ(r.body["errors"][0]["field"], "auth.client_secret");
  EXPECT_EQ(r.body["errors"][1]["field"], "headers[0].value");
  EXPECT_EQ(r.body["errors"][1]["message"],
            "must be at least 8 bytes long (a shorter secret is easy to guess)");
  body["auth"]["client_secret"] = "12345678";
  body["headers"][0]["value"] = "abcdefgh";
  EXPECT_EQ(post("/api/connectors", body).status, 201);
}

TEST_F(ApiTest, SecretsNeverReachTheLogOrTheRawStore) {
  json c = create(oauth_connector("ERP", kSentinel));
  json edit = oauth_connector("ERP", kSentinel + "2");
  ASSERT_EQ(
      put("/api/connectors/" + c["id"].get<std::string>(), edit, {{"If-Match", "\"1\""}}).status,
      200);
  ASSERT_EQ(m_server->stop(), 0);
  EXPECT_EQ(m_server->output().find(kSentinel), std::string::npos);
  const std::string raw = read_file(m_config.data_dir + "/data.mdb");
  ASSERT_FALSE(raw.empty());
  EXPECT_EQ(raw.find(kSentinel), std::string::npos);
  EXPECT_EQ(raw.find(ServerProcess::admin_token()), std::string::npos);
}

}  // namespace
}  // namespace datahub::testing
