#include "route.h"

#include <gtest/gtest.h>

namespace datahub::web {
namespace {

TEST(Route, BookmarkableAddressesRoundTrip) {
  for (const char* hash : {"#/connectors", "#/connectors/new", "#/connectors/c_9x2k"})
    EXPECT_EQ(RouteHash(ParseRoute(hash)), hash);
}

TEST(Route, TheDataHubAddressKeepsSearchFilterAndSort) {
  const char* hash = "#/connectors?q=erp%20prod&status=active&sort=-updated_at";
  const Route route = ParseRoute(hash);
  EXPECT_EQ(route.screen, Screen::DataHub);
  EXPECT_EQ(route.list.q, "erp prod");
  EXPECT_EQ(route.list.status, "active");
  EXPECT_EQ(route.list.sort, "-updated_at");
  EXPECT_EQ(RouteHash(route), hash);
  // Values the list does not know are left out, not guessed.
  const Route odd = ParseRoute("#/connectors?status=paused&sort=password&x=1");
  EXPECT_EQ(odd.list, ListAddress{});
  EXPECT_EQ(RouteHash(odd), "#/connectors");
  // The API's own order (by name, ascending) needs no parameter.
  EXPECT_EQ(RouteHash(ParseRoute("#/connectors?sort=name&q=")), "#/connectors");
  EXPECT_EQ(ParseRoute("#/connectors?sort=-name").list.sort, "-name");
}

TEST(Route, TheDataHubAddressKeepsFailingOnly) {
  const char* hash = "#/connectors?status=active&health=failing&sort=health";
  const Route route = ParseRoute(hash);
  EXPECT_EQ(route.list.health, "failing");
  EXPECT_EQ(route.list.sort, "health");
  EXPECT_EQ(RouteHash(route), hash);
  EXPECT_EQ(ParseRoute("#/connectors?health=sick").list, ListAddress{}) << "not guessed";
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
