// A store written by the previous server (schema version 1, commit b6aaa07) opens with this
// one, is upgraded to version 2, and keeps every connector, secret, history entry and meta
// value. The fixture is that server's own data directory (fixtures/schema1, with the program
// that wrote it); the test works on a copy, since opening upgrades it in place.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "store_test_util.h"

namespace datahub::backend::testing {
namespace {

const std::filesystem::path kFixture = std::filesystem::path(STORE_FIXTURES_DIR) / "schema1";

std::unique_ptr<LmdbConnectorStore> open_fixture_copy(const TempDir& dir) {
  for (const char* file : {"data.mdb", "secret.key"}) {
    std::filesystem::copy_file(kFixture / file, dir.path() / file);
  }
  // Git keeps no 0600; the store refuses a key file others may read.
  ::chmod((dir.path() / "secret.key").c_str(), 0600);
  auto store = LmdbConnectorStore::open(dir.path());
  if (!store) ADD_FAILURE() << "the version-1 store did not open: " << store.problem().detail;
  return store ? std::move(*store) : nullptr;
}

std::size_t total(LmdbConnectorStore& store, std::optional<ConnectorStatus> status) {
  ListQuery query;
  query.status = status;
  auto page = store.list(query);
  return page ? page->total : 9999;
}

std::vector<std::string> actions(const std::vector<HistoryEntry>& entries) {
  std::vector<std::string> out;
  for (const auto& e : entries) out.push_back(e.action);
  return out;
}

TEST(LmdbStoreUpgrade, ASchema1StoreOpensUpgradedWithEverySecret) {
  TempDir dir;
  auto store = open_fixture_copy(dir);
  ASSERT_TRUE(store);
  EXPECT_EQ(store->get_meta("schema_version"), std::optional<std::string>("2"));
  EXPECT_EQ(store->get_meta("admin_token_hash"),
            std::optional<std::string>("fixture-admin-token-hash"));

  auto erp = store->get("c_fixtureErpProduction1");
  ASSERT_TRUE(erp.ok()) << erp.problem().detail;
  EXPECT_EQ(erp->name, "ERP production");
  EXPECT_EQ(erp->status, ConnectorStatus::Active);
  EXPECT_EQ(erp->version, 3);
  EXPECT_EQ(erp->timeout_ms, 15000);
  EXPECT_EQ(erp->auth.oauth2.client_secret.value, "v1-client-secret-erp");
  EXPECT_EQ(erp->auth.oauth2.extra_params.at("tenant"), "acme");
  ASSERT_EQ(erp->headers.size(), 2u);
  EXPECT_EQ(erp->headers[0].value.value, "v1-header-secret-erp");
  EXPECT_TRUE(erp->headers[0].secret);
  EXPECT_EQ(erp->headers[1].value.value, "acme");
  EXPECT_EQ(actions(*store->history(erp->id)),
            (std::vector<std::string>{"tested", "activated", "updated", "created"}));

  auto billing = store->get("c_fixtureBilling00000002");
  ASSERT_TRUE(billing.ok()) << billing.problem().detail;
  EXPECT_EQ(billing->auth.oauth2.grant_type, GrantType::Password);
  EXPECT_EQ(billing->auth.oauth2.client_secret.value, "v1-client-secret-billing");
  EXPECT_EQ(billing->auth.oauth2.password.value, "v1-password-billing");
  EXPECT_EQ(billing->auth.oauth2.client_authentication, ClientAuthentication::Body);

  auto weather = store->get("c_fixtureWeather00000003");
  ASSERT_TRUE(weather.ok()) << weather.problem().detail;
  ASSERT_EQ(weather->headers.size(), 1u);
  EXPECT_EQ(weather->headers[0].value.value, "Token v1-weather-token");

  // The deleted one stays deleted; its history outlives it.
  EXPECT_EQ(store->get("c_fixtureDeleted00000004").problem().type, ProblemType::NotFound);
  EXPECT_EQ(actions(*store->history("c_fixtureDeleted00000004")),
            (std::vector<std::string>{"deleted", "created"}));

  // Version 1 kept no active count: the upgrade made it.
  EXPECT_EQ(store->count(), 3u);
  EXPECT_EQ(total(*store, std::nullopt), 3u);
  EXPECT_EQ(total(*store, ConnectorStatus::Active), 2u);
  EXPECT_EQ(total(*store, ConnectorStatus::Disabled), 1u);
}

TEST(LmdbStoreUpgrade, TheUpgradedStoreTakesWritesAndReopens) {
  TempDir dir;
  {
    auto store = open_fixture_copy(dir);
    ASSERT_TRUE(store);
    auto disabled = store->update("c_fixtureWeather00000003", [](const Connector& c) {
      Connector next = c;
      next.status = ConnectorStatus::Disabled;
      next.version += 1;
      return Result<Change>(Change{next, entry("disabled", next.version)});
    });
    ASSERT_TRUE(disabled.ok()) << disabled.problem().detail;
    EXPECT_EQ(disabled->headers[0].value.value, "Token v1-weather-token");
  }
  auto store = open_store(dir.path());
  ASSERT_TRUE(store);
  EXPECT_EQ(total(*store, ConnectorStatus::Active), 1u);
  EXPECT_EQ(store->get("c_fixtureWeather00000003")->headers[0].value.value,
            "Token v1-weather-token");
}

}  // namespace
}  // namespace datahub::backend::testing
