// The metrics' text: escaping, histogram buckets, numbers, and concurrent counting.
#include <gtest/gtest.h>

#include <cmath>
#include <thread>

#include "metrics/metric_family.h"
#include "metrics/prometheus_text.h"
#include "metrics/server_metrics.h"

namespace datahub::backend::metrics {
namespace {

TEST(PrometheusText, EscapesTheThreeCharactersALabelValueMayNotHoldAsIs) {
  EXPECT_EQ(escape_label_value(R"(a\b"c)"
                               "\n"
                               "d"),
            R"(a\\b\"c\nd)");
  CounterFamily family("x_total", "help with a \\ and a\nnewline", {"path"});
  family.add({"/a\"b"});
  PrometheusText text;
  text.counter(family);
  EXPECT_EQ(text.text(),
            "# HELP x_total help with a \\\\ and a\\nnewline\n"
            "# TYPE x_total counter\n"
            "x_total{path=\"/a\\\"b\"} 1\n");
}

TEST(PrometheusText, AHistogramHasCumulativeBucketsASumAndACount) {
  HistogramFamily family("t_seconds", "time", {"route"});
  family.observe({"/r"}, 0.0005);  // first bucket
  family.observe({"/r"}, 0.003);   // <= 0.005
  family.observe({"/r"}, 100);     // over every bound: +Inf only
  PrometheusText text;
  text.histogram(family);
  const std::string& t = text.text();
  EXPECT_NE(t.find("t_seconds_bucket{route=\"/r\",le=\"0.001\"} 1\n"), std::string::npos) << t;
  EXPECT_NE(t.find("t_seconds_bucket{route=\"/r\",le=\"0.0025\"} 1\n"), std::string::npos) << t;
  EXPECT_NE(t.find("t_seconds_bucket{route=\"/r\",le=\"0.005\"} 2\n"), std::string::npos) << t;
  EXPECT_NE(t.find("t_seconds_bucket{route=\"/r\",le=\"30\"} 2\n"), std::string::npos) << t;
  EXPECT_NE(t.find("t_seconds_bucket{route=\"/r\",le=\"+Inf\"} 3\n"), std::string::npos) << t;
  EXPECT_NE(t.find("t_seconds_sum{route=\"/r\"} 100.0035\n"), std::string::npos) << t;
  EXPECT_NE(t.find("t_seconds_count{route=\"/r\"} 3\n"), std::string::npos) << t;
}

TEST(PrometheusText, ANegativeOrNanDurationCountsAsZero) {
  HistogramFamily family("t_seconds", "time", {});
  family.observe({}, -1);
  family.observe({}, std::nan(""));
  PrometheusText text;
  text.histogram(family);
  EXPECT_NE(text.text().find("t_seconds_sum 0\n"), std::string::npos) << text.text();
  EXPECT_NE(text.text().find("t_seconds_bucket{le=\"0.001\"} 2\n"), std::string::npos);
}

TEST(CounterFamily, ThreadsCountingTheSameAndNewLabelsLoseNothing) {
  CounterFamily family("c_total", "c", {"who"});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&family, t] {
      for (int i = 0; i < 10000; ++i) {
        family.add({"shared"});
        family.add({"t" + std::to_string(t % 2)});
      }
    });
  }
  for (auto& t : threads) t.join();
  const auto series = family.snapshot();
  ASSERT_EQ(series.size(), 3u);
  EXPECT_EQ(series[0].first, LabelValues{"shared"});
  EXPECT_EQ(series[0].second, 40000u);
  EXPECT_EQ(series[1].second, 20000u);
  EXPECT_EQ(series[2].second, 20000u);
}

TEST(ServerMetrics, AMethodACallerMadeUpCountsAsOtherSoSeriesStayBounded) {
  ServerMetrics metrics;
  for (int i = 0; i < 100; ++i) {
    metrics.http_request("M" + std::to_string(i) + "\xff\"\n", "none", 400, 0.001);
  }
  metrics.http_request("GET", "/api/connectors", 200, 0.001);
  const std::string text = metrics.render();
  EXPECT_NE(
      text.find(
          "datahub_http_requests_total{method=\"other\",route=\"none\",status=\"400\"} 100\n"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("method=\"GET\""), std::string::npos);
  EXPECT_EQ(text.find("M1"), std::string::npos) << "no caller's method in a label";
}

}  // namespace
}  // namespace datahub::backend::metrics
