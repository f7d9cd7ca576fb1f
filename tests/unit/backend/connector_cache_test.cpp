#include "connector_cache.h"

#include <gtest/gtest.h>

namespace datahub::backend {
namespace {

CachedConnector rendered(std::int64_t version) {
  auto connector = std::make_shared<Connector>();
  connector->version = version;
  return {connector, std::make_shared<const std::string>("v" + std::to_string(version))};
}

TEST(ConnectorCacheTest, KeepsWhatWasPutUntilDropped) {
  ConnectorCache cache;
  EXPECT_FALSE(cache.find("c_1"));
  cache.put("c_1", rendered(1), cache.epoch());
  ASSERT_TRUE(cache.find("c_1"));
  EXPECT_EQ(*cache.find("c_1")->body, "v1");
  cache.drop("c_1");
  EXPECT_FALSE(cache.find("c_1"));
}

TEST(ConnectorCacheTest, AReadThatRacedAChangeIsNotKept) {
  ConnectorCache cache;
  const auto before_read = cache.epoch();  // a reader starts, reads version 1 ...
  cache.drop("c_1");                       // ... while a writer saves version 2
  cache.put("c_1", rendered(1), before_read);
  EXPECT_FALSE(cache.find("c_1")) << "a stale version must not come back";
  cache.put("c_1", rendered(2), cache.epoch());
  EXPECT_EQ(cache.find("c_1")->connector->version, 2);
}

TEST(ConnectorCacheTest, StaysWithinItsBound) {
  ConnectorCache cache(4);
  for (int i = 0; i < 10; ++i) cache.put("c_" + std::to_string(i), rendered(1), cache.epoch());
  int kept = 0;
  for (int i = 0; i < 10; ++i) kept += cache.find("c_" + std::to_string(i)) ? 1 : 0;
  EXPECT_LE(kept, 4);
  EXPECT_TRUE(cache.find("c_9"));
}

}  // namespace
}  // namespace datahub::backend
