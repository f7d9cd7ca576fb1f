#include "route.h"

#include <gtest/gtest.h>

namespace datahub::web {
namespace {

TEST(Route, BookmarkableAddressesRoundTrip) {
  for (const char* hash : {"#/connectors", "#/connectors/new", "#/connectors/c_9x2k"})
    EXPECT_EQ(RouteHash(ParseRoute(hash)), hash);
}

TEST(Route, UnknownAddressesLeadHome) {
  for (const char* hash :
       {"", "#", "#/", "#/nothing", "#/connectors/", "#/connectors/a b", "#/connectors/../x"})
    EXPECT_EQ(ParseRoute(hash).screen, Screen::DataHub) << hash;
}

TEST(Route, TabTitleNamesTheScreen) {
  EXPECT_EQ(RouteTitle(ParseRoute("#/connectors")), "Data Hub");
  EXPECT_NE(RouteTitle(ParseRoute("#/connectors/new")).find("Configure a new Connector"),
            std::string::npos);
}

}  // namespace
}  // namespace datahub::web
