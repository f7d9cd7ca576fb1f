// The shared deadline thread: fires late requests (and keeps firing), leaves finished ones
// alone, and never runs an action after disarm() returned.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "outbound/deadline_timer.h"
#include "outbound/outbound_http.h"
#include "outbound_test_util.h"
#include "test_peers.h"

namespace datahub::outbound {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

TEST(DeadlineTimer, FiresAtTheDeadlineAndRepeatsUntilDisarmed) {
  DeadlineTimer timer;
  std::atomic<int> calls{0};
  auto start = Clock::now();
  std::atomic<Clock::rep> first_call{0};
  auto armed = timer.arm(start + 50ms, [&] {
    if (calls++ == 0) first_call = (Clock::now() - start).count();
  });
  std::this_thread::sleep_for(200ms);
  EXPECT_TRUE(armed.disarm());
  EXPECT_GE(Clock::duration(first_call.load()), 50ms);
  EXPECT_GE(calls, 2);  // repeated every 20 ms while armed
  int after = calls;
  std::this_thread::sleep_for(60ms);
  EXPECT_EQ(calls, after);
}

TEST(DeadlineTimer, DoesNothingForWhatEndsInTime) {
  DeadlineTimer timer;
  std::atomic<int> calls{0};
  {
    auto armed = timer.arm(Clock::now() + 100ms, [&] { ++calls; });
    EXPECT_FALSE(armed.disarm());
    auto dropped = timer.arm(Clock::now() + 100ms, [&] { ++calls; });  // disarmed by going
  }
  std::this_thread::sleep_for(200ms);
  EXPECT_EQ(calls, 0);
}

TEST(DeadlineTimer, EarliestFirstWhateverTheOrderOfArming) {
  DeadlineTimer timer;
  std::mutex mutex;
  std::vector<int> order;
  auto note = [&](int n) {
    return [&, n] {
      std::lock_guard lock(mutex);
      if (std::find(order.begin(), order.end(), n) == order.end()) order.push_back(n);
    };
  };
  auto now = Clock::now();
  auto late = timer.arm(now + 150ms, note(3));
  auto early = timer.arm(now + 30ms, note(1));
  auto middle = timer.arm(now + 90ms, note(2));
  std::this_thread::sleep_for(250ms);
  early.disarm();
  middle.disarm();
  late.disarm();
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
}

TEST(DeadlineTimer, DisarmWaitsForARunningAction) {
  DeadlineTimer timer;
  std::atomic<bool> started{false};
  std::atomic<bool> finished{false};
  auto armed = timer.arm(Clock::now(), [&] {
    started = true;
    std::this_thread::sleep_for(100ms);
    finished = true;
  });
  while (!started) std::this_thread::sleep_for(1ms);
  EXPECT_TRUE(armed.disarm());
  EXPECT_TRUE(finished);
}

// Requests that end just as their deadline passes: the state an action touches is freed right
// after disarm(), which ASan would report if an action ran later.
TEST(DeadlineTimer, DisarmRacingTheDeadlineIsSafe) {
  DeadlineTimer timer;
  std::vector<std::thread> workers;
  for (int w = 0; w < 4; ++w) {
    workers.emplace_back([&timer, w] {
      for (int i = 0; i < 300; ++i) {
        auto state = std::make_unique<int>(0);
        auto armed = timer.arm(Clock::now() + std::chrono::microseconds((i + w) % 5 * 50),
                               [raw = state.get()] { ++*raw; });
        std::this_thread::sleep_for(std::chrono::microseconds(i % 7 * 30));
        armed.disarm();
        state.reset();
      }
    });
  }
  for (auto& worker : workers) worker.join();
}

// Fast requests leave their pooled connection alone after their deadlines pass.
TEST(DeadlineTimer, FastRequestsKeepTheirConnection) {
  outbound_test::LocalServer up;
  std::mutex mutex;
  std::set<int> ports;
  up.server().Get("/ok", [&](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard lock(mutex);
    ports.insert(req.remote_port);
    res.set_content("ok", "text/plain");
  });
  up.server().set_keep_alive_max_count(100);
  up.start();
  OutboundHttp http(open_policy());
  // 1 s each: room for a loaded machine under the sanitizers (100 ms failed once in CI-like
  // runs), still short enough to wait out.
  auto request = [&] { return http.perform(get(up.url("/ok"), 1000)); };
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(request().ok());
  std::this_thread::sleep_for(1100ms);  // every deadline above has passed
  ASSERT_TRUE(request().ok());
  EXPECT_EQ(ports.size(), 1u);
  EXPECT_EQ(http.pool().idle_count(), 1u);
}

}  // namespace
}  // namespace datahub::outbound
