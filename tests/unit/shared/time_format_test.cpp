// RFC 3339 UTC timestamps as the contract prints them (created_at, updated_at, history).
#include "datahub/time_format.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace datahub {
namespace {

using namespace std::chrono;

system_clock::time_point at(std::int64_t secs) {
  return system_clock::time_point{seconds{secs}};
}

TEST(TimeFormat, PrintsTheContractExample) {
  EXPECT_EQ(format_rfc3339_utc(at(1795986615)), "2026-11-29T21:10:15Z");
}

TEST(TimeFormat, PrintsTheEpochAndLeapDays) {
  EXPECT_EQ(format_rfc3339_utc(at(0)), "1970-01-01T00:00:00Z");
  EXPECT_EQ(format_rfc3339_utc(at(951782400)), "2000-02-29T00:00:00Z");
  EXPECT_EQ(format_rfc3339_utc(at(4107542399)), "2100-02-28T23:59:59Z");
}

TEST(TimeFormat, DropsSubSecondsTowardsThePast) {
  EXPECT_EQ(format_rfc3339_utc(at(1795986615) + milliseconds(999)), "2026-11-29T21:10:15Z");
  EXPECT_EQ(format_rfc3339_utc(at(0) - milliseconds(1)), "1969-12-31T23:59:59Z");
}

TEST(TimeFormat, ParsesWhatItPrints) {
  for (std::int64_t s : {0LL, 951782400LL, 1795986615LL, -86401LL}) {
    const auto text = format_rfc3339_utc(at(s));
    const auto back = parse_rfc3339_utc(text);
    ASSERT_TRUE(back) << text;
    EXPECT_EQ(*back, at(s)) << text;
  }
  EXPECT_EQ(parse_rfc3339_utc("2026-11-29t21:10:15.250z"), at(1795986615));
}

TEST(TimeFormat, RefusesOtherShapes) {
  for (const char* text :
       {"", "2026-11-29", "2026-11-29T21:10:15", "2026-11-29T21:10:15+01:00",
        "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-29T24:00:00Z",
        "2026-11-29T21:10:15.Z", "2026-11-29 21:10:15Z", "2026-11-29T21:10:15ZZ"}) {
    EXPECT_FALSE(parse_rfc3339_utc(text)) << text;
  }
}

TEST(TimeFormat, SaysNothingForATimeTheClockCannotHoldButGivesItsSeconds) {
  // libstdc++'s system_clock counts nanoseconds in 64 bits: it ends in April 2262.
  EXPECT_TRUE(parse_rfc3339_utc("2262-04-11T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339_utc("2263-01-01T00:00:00Z"));
  EXPECT_FALSE(parse_rfc3339_utc("9999-12-31T23:59:59Z"));
  EXPECT_EQ(parse_rfc3339_utc_seconds("9999-12-31T23:59:59Z"), 253402300799);
  EXPECT_EQ(parse_rfc3339_utc_seconds("2026-11-29T21:10:15Z"), 1795986615);
  EXPECT_FALSE(parse_rfc3339_utc_seconds("2026-11-29T21:10:15"));
}

TEST(TimeFormat, IsSafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &wrong] {
      for (int i = 0; i < 2000; ++i) {
        const auto s = 1795986615 + t * 86400;
        const auto text = format_rfc3339_utc(at(s));
        if (parse_rfc3339_utc(text) != at(s)) ++wrong[static_cast<std::size_t>(t)];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int w : wrong) EXPECT_EQ(w, 0);
}

}  // namespace
}  // namespace datahub
