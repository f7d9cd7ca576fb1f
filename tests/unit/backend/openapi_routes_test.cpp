// The OpenAPI document names every route the server registers, and nothing it does not serve.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "http_app.h"
#include "openapi.h"
#include "store/lmdb_connector_store.h"

namespace datahub::backend {
namespace {

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(OpenApiTest, DocumentsEveryRegisteredRouteAndOnlyThose) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("openapi-test-" + std::to_string(::getpid()));
  auto store = LmdbConnectorStore::open(dir);
  ASSERT_TRUE(store.ok()) << store.problem().detail;
  std::optional<std::string> generated;
  auto auth = AdminAuth::init(std::string("token"), {}, generated);
  ASSERT_TRUE(auth);
  ConnectorService service(**store, [] { return std::string("c_x"); });
  ServerOptions options;
  outbound::ConnectorClient outbound_client(outbound::OutboundPolicy{});
  HttpApp app(options, service, *auth, outbound_client);

  const auto& doc = openapi_document();
  EXPECT_EQ(doc["openapi"], "3.1.0");
  std::set<std::string> registered;
  for (const auto& r : app.routes()) {
    registered.insert(r.method + " " + r.path);
    ASSERT_TRUE(doc["paths"].contains(r.path)) << r.path;
    EXPECT_TRUE(doc["paths"][r.path].contains(lower(r.method))) << r.method << " " << r.path;
  }
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      std::string upper = method;
      for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      EXPECT_TRUE(registered.count(upper + " " + path))
          << "documented but not served: " << upper << " " << path;
      EXPECT_TRUE(op.contains("responses"));
    }
  }
  std::filesystem::remove_all(dir);
}

TEST(OpenApiTest, ListsEveryProblemType) {
  const auto& types =
      openapi_document()["components"]["schemas"]["Problem"]["properties"]["type"]["enum"];
  EXPECT_EQ(types.size(), all_problem_types().size());
  EXPECT_NE(std::find(types.begin(), types.end(), "urn:datahub:problem:destination-not-allowed"),
            types.end());
}

}  // namespace
}  // namespace datahub::backend
