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

// An HttpApp over a store in a temporary directory (removed afterwards).
struct AppUnderTest {
  AppUnderTest() {
    auto opened = LmdbConnectorStore::open(dir);
    EXPECT_TRUE(opened.ok()) << opened.problem().detail;
    store = std::move(*opened);
    std::optional<std::string> generated;
    auth = AdminAuth::init(std::string("token"), {}, generated);
    service = std::make_unique<ConnectorService>(*store, [] { return std::string("c_x"); });
    app = std::make_unique<HttpApp>(options, *service, *auth, outbound_client);
  }
  ~AppUnderTest() {
    app.reset();
    service.reset();
    store.reset();
    std::filesystem::remove_all(dir);
  }
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("routes-test-" + std::to_string(::getpid()));
  std::unique_ptr<LmdbConnectorStore> store;
  std::optional<AdminAuth> auth;
  ServerOptions options;
  outbound::ConnectorClient outbound_client{outbound::OutboundPolicy{}};
  std::unique_ptr<ConnectorService> service;
  std::unique_ptr<HttpApp> app;
};

TEST(OpenApiTest, DocumentsEveryRegisteredRouteAndOnlyThose) {
  AppUnderTest under_test;
  HttpApp& app = *under_test.app;

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
}

// A route registered with a method httplib is not asked to serve would never answer.
TEST(OpenApiTest, ARouteWithAnUnknownMethodIsRefusedAtStartUp) {
  AppUnderTest under_test;
  EXPECT_THROW(under_test.app->route("PATCH", "/api/connectors/{id}", {}), std::logic_error);
}

// The refused route is not listed as served, and the message names what went wrong.
TEST(OpenApiTest, ARefusedRouteIsNotListedAndItsMessageSaysWhy) {
  AppUnderTest under_test;
  const auto before = under_test.app->routes().size();
  try {
    under_test.app->route("patch", "/api/connectors/{id}/rename", {});
    ADD_FAILURE() << "no exception for method patch";
  } catch (const std::logic_error& e) {
    EXPECT_NE(std::string(e.what()).find("patch"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("/api/connectors/{id}/rename"), std::string::npos)
        << e.what();
  }
  EXPECT_EQ(under_test.app->routes().size(), before);
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
