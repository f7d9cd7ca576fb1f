// The list query: what the web writes is what the backend reads, and the sort fields are the
// same five on both sides.
#include "datahub/list_query.h"

#include <gtest/gtest.h>

#include "datahub/url_encoding.h"

namespace datahub {
namespace {

// Splits "a=1&b=x%20y" as the HTTP server does (name -> decoded value).
std::multimap<std::string, std::string> Params(const std::string& query) {
  std::multimap<std::string, std::string> out;
  std::size_t start = 0;
  while (start < query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string::npos) end = query.size();
    const std::string pair = query.substr(start, end - start);
    const auto eq = pair.find('=');
    out.emplace(pair.substr(0, eq), percent_decode(pair.substr(eq + 1)));
    start = end + 1;
  }
  return out;
}

TEST(ListQuery, TheWrittenQueryStringIsWhatTheWebSentBefore) {
  ListQuery q;
  q.q = "erp prod";
  q.status = ConnectorStatus::Active;
  EXPECT_EQ(list_query_string(q), "limit=50&q=erp%20prod&status=active");
  q.cursor = "MTpl";
  q.sort = "-updated_at";
  q.limit = 500;
  EXPECT_EQ(list_query_string(q),
            "limit=500&q=erp%20prod&status=active&cursor=MTpl&sort=-updated_at");
}

TEST(ListQuery, ReadOfWriteIsTheSameQuery) {
  ListQuery q{"a&b=c", ConnectorStatus::Disabled, 7, "Y3Vy", "-base_url", 0, std::nullopt};
  auto back = list_query_from_params(Params(list_query_string(q)));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, q);
  q.offset = 99'000;
  auto offset = list_query_from_params(Params(list_query_string(q)));
  ASSERT_TRUE(offset);
  EXPECT_EQ(*offset, q);
  q.health = HealthState::Failing;
  EXPECT_NE(list_query_string(q).find("&health=failing"), std::string::npos);
  auto health = list_query_from_params(Params(list_query_string(q)));
  ASSERT_TRUE(health);
  EXPECT_EQ(*health, q);
  auto defaults = list_query_from_params(Params(list_query_string(ListQuery{})));
  ASSERT_TRUE(defaults);
  EXPECT_EQ(*defaults, ListQuery{});
}

TEST(ListQuery, LimitsAndStatusAreChecked) {
  for (const char* bad : {"0", "501", "-1", "abc", "12345", ""}) {
    auto q = list_query_from_params({{"limit", bad}});
    ASSERT_FALSE(q) << bad;
    EXPECT_EQ(q.problem().errors.at(0).message, "must be a number from 1 to 500");
  }
  EXPECT_EQ(list_query_from_params({{"limit", "500"}})->limit, kListLimitMax);
  EXPECT_FALSE(list_query_from_params({{"status", "on"}}));
  EXPECT_FALSE(list_query_from_params({{"status", ""}})->status) << "empty: no filter";
}

TEST(ListQuery, HealthFilterIsOneOfTheThreeStates) {
  for (const char* state : {"ok", "failing", "unknown"}) {
    auto q = list_query_from_params({{"health", state}});
    ASSERT_TRUE(q) << state;
    EXPECT_STREQ(to_string(*q->health), state);
  }
  auto bad = list_query_from_params({{"health", "FAILING"}});
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.problem().errors.at(0).field, "health");
  EXPECT_EQ(bad.problem().errors.at(0).message, "must be ok, failing or unknown");
  EXPECT_FALSE(list_query_from_params({{"health", ""}})->health) << "empty: no filter";
}

TEST(ListQuery, SortFields) {
  for (const char* spec :
       {"name", "type", "base_url", "status", "updated_at", "-updated_at", "health", "-health"}) {
    auto sort = parse_list_sort(spec);
    ASSERT_TRUE(sort) << spec;
    EXPECT_EQ(sort_spec(*sort), spec);
  }
  EXPECT_EQ(parse_list_sort(""), ListSort{});
  EXPECT_FALSE(parse_list_sort("-"));
  EXPECT_FALSE(parse_list_sort("id"));
  EXPECT_FALSE(parse_list_sort("--name"));
}

}  // namespace
}  // namespace datahub
