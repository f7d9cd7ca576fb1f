// bench_soak_client: the traffic of bench/soak.sh. Several threads, each with its own few
// connectors (OAuth 2.0 against the local upstream), send a mix of create, update (PUT),
// activate/disable, delete, get, list pages (first, cursor, q, status, sort), history, test and
// /request for --seconds, paced to --rate requests per second in all. Any answer other than the
// expected one (or a test that is not ok, a /request whose upstream status is not 200, no answer)
// is an error. Every 10 s it prints "t=SECONDS requests=N errors=E"; at the end one line per
// kind "op=NAME requests=N errors=E" and "total requests=N errors=E"; the first errors on stderr.
//
//   bench_soak_client --port P --token T --upstream-port U --seconds 600 --threads 4 --rate 200
#include <atomic>
#include <chrono>
#include <cstdio>
#include <map>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "api_client.h"

namespace {

using Clock = std::chrono::steady_clock;

enum Op { Create, Update, Status, Delete, Get, List, History, Test, Request, OpCount };
const char* const kOpNames[] = {"create", "update",  "status", "delete", "get",
                                "list",   "history", "test",   "request"};

struct Counters {
  std::atomic<long> requests[OpCount]{};
  std::atomic<long> errors[OpCount]{};
  std::atomic<long> reported{0};  // errors printed so far (the first 20 are)

  long total(const std::atomic<long> (&of)[OpCount]) const {
    long sum = 0;
    for (const auto& n : of) sum += n.load();
    return sum;
  }
};

struct Connector {
  std::string id;
  long version = 1;
  bool active = false;
};

class Driver {
 public:
  Driver(int port, const std::string& token, const std::string& upstream, unsigned seed,
         const std::string& prefix, Counters& counters)
      : m_api(port, token),
        m_upstream(upstream),
        m_rng(seed),
        m_prefix(prefix),
        m_counters(counters) {}

  // Out of 20: one create and one delete (the pool stays between 5 and 20), 2 updates,
  // 2 status changes, 2 gets, 3 list queries, 1 history, 2 tests, 6 /request.
  void step() {
    using Action = void (Driver::*)();
    static const Action mix[] = {
        &Driver::grow,    &Driver::shrink,  &Driver::update,  &Driver::update,  &Driver::toggle,
        &Driver::toggle,  &Driver::get,     &Driver::get,     &Driver::list,    &Driver::list,
        &Driver::list,    &Driver::history, &Driver::test,    &Driver::test,    &Driver::request,
        &Driver::request, &Driver::request, &Driver::request, &Driver::request, &Driver::request};
    if (m_live.size() < 3) return create();
    (this->*mix[m_rng() % 20])();
  }

 private:
  Connector& pick() { return m_live[m_rng() % m_live.size()]; }
  std::string path_of(const Connector& c) { return "/api/connectors/" + c.id; }
  nlohmann::json body() {
    return bench::connector_body(m_prefix + "-" + std::to_string(++m_names), m_upstream);
  }

  // Counts the request; an error when `good` is false. Returns `good`.
  bool count(Op op, const bench::Answer& answer, bool good) {
    ++m_counters.requests[op];
    if (good) return true;
    ++m_counters.errors[op];
    if (m_counters.reported++ < 20) {
      std::fprintf(stderr, "error: %s -> %d %s %s\n", kOpNames[op], answer.status,
                   answer.error.c_str(), answer.body.dump().substr(0, 300).c_str());
    }
    return false;
  }

  void grow() { m_live.size() < 20 ? create() : remove(); }
  void shrink() { m_live.size() > 5 ? remove() : create(); }
  void create() {
    const bench::Answer a = m_api.send("POST", "/api/connectors", body());
    if (count(Create, a, a.status == 201)) m_live.push_back({a.body["id"], 1, false});
  }
  void remove() {
    const std::size_t at = m_rng() % m_live.size();
    const bench::Answer a = m_api.send("DELETE", path_of(m_live[at]));
    if (count(Delete, a, a.status == 204)) m_live.erase(m_live.begin() + static_cast<long>(at));
  }
  void update() {
    Connector& c = pick();
    const bench::Answer a = m_api.send("PUT", path_of(c), body(), c.version);
    if (count(Update, a, a.status == 200)) c.version = a.body["version"];
  }
  void toggle() {
    Connector& c = pick();
    const bench::Answer a = m_api.send("POST", path_of(c) + (c.active ? "/disable" : "/activate"));
    if (!count(Status, a, a.status == 200)) return;
    c.active = !c.active;
    c.version = a.body["version"];
  }
  void get() {
    const bench::Answer a = m_api.send("GET", path_of(pick()));
    count(Get, a, a.status == 200);
  }
  // One of the Data Hub table's queries, and its second page when there is one.
  void list() {
    static const char* const queries[] = {"limit=50", "limit=20&q=soak", "limit=50&status=active",
                                          "limit=50&sort=-updated_at", "limit=10&sort=name"};
    const std::string first = "/api/connectors?" + std::string(queries[m_rng() % 5]);
    const bench::Answer a = m_api.send("GET", first);
    if (!count(List, a, a.status == 200) || !a.body["next_cursor"].is_string()) return;
    const std::string cursor = bench::percent_encode(a.body["next_cursor"].get<std::string>());
    const bench::Answer next = m_api.send("GET", first + "&cursor=" + cursor);
    count(List, next, next.status == 200);
  }
  void history() {
    const bench::Answer a = m_api.send("GET", path_of(pick()) + "/history");
    count(History, a, a.status == 200);
  }
  void test() {
    const bench::Answer a =
        m_api.send("POST", path_of(pick()) + "/test", {{"method", "GET"}, {"path", "/data.json"}});
    count(Test, a, a.status == 200 && a.body.value("ok", false));
  }
  // /request needs an active connector: activates one first when none is.
  void request() {
    Connector* active = nullptr;
    for (auto& c : m_live) active = c.active ? &c : active;
    if (active == nullptr) return toggle();
    const bench::Answer a = m_api.send("POST", path_of(*active) + "/request",
                                       {{"method", "GET"}, {"path", "/data.json"}});
    count(Request, a, a.status == 200 && a.body.value("status", 0) == 200);
  }

  bench::ApiClient m_api;
  std::string m_upstream;
  std::mt19937 m_rng;
  std::string m_prefix;
  Counters& m_counters;
  std::vector<Connector> m_live;
  int m_names = 0;
};

// Paced: the thread's share of --rate, catching up after a slow answer but never bursting more
// than a second's worth.
void drive(Driver driver, double per_second, Clock::time_point end) {
  const auto period = std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(per_second > 0 ? 1.0 / per_second : 0.0));
  auto next = Clock::now();
  while (Clock::now() < end) {
    driver.step();
    next = std::max(next + period, Clock::now() - std::chrono::seconds(1));
    std::this_thread::sleep_until(next);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int port = std::stoi(bench::arg(argc, argv, "--port", "0"));
  const std::string token = bench::arg(argc, argv, "--token", "");
  const std::string upstream = "http://127.0.0.1:" + bench::arg(argc, argv, "--upstream-port", "0");
  const int seconds = std::stoi(bench::arg(argc, argv, "--seconds", "600"));
  const int threads = std::stoi(bench::arg(argc, argv, "--threads", "4"));
  const double rate = std::stod(bench::arg(argc, argv, "--rate", "200"));
  const auto start = Clock::now();
  const auto end = start + std::chrono::seconds(seconds);
  Counters counters;
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    const std::string prefix = "soak-" + std::to_string(t);
    pool.emplace_back(drive, Driver(port, token, upstream, 7u + t, prefix, counters),
                      rate / threads, end);
  }
  for (auto tick = start + std::chrono::seconds(10); tick <= end;
       tick += std::chrono::seconds(10)) {
    std::this_thread::sleep_until(tick);
    std::printf(
        "t=%ld requests=%ld errors=%ld\n",
        static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(tick - start).count()),
        counters.total(counters.requests), counters.total(counters.errors));
    std::fflush(stdout);
  }
  for (auto& t : pool) t.join();
  for (int op = 0; op < OpCount; ++op) {
    std::printf("op=%s requests=%ld errors=%ld\n", kOpNames[op], counters.requests[op].load(),
                counters.errors[op].load());
  }
  std::printf("total requests=%ld errors=%ld\n", counters.total(counters.requests),
              counters.total(counters.errors));
}
