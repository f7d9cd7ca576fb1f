// bench_latency_client: sequential requests over one kept-alive connection per target, with the
// targets interleaved (A B C A B C ...) so that noise from other work on the machine hits every
// target alike. Bounded by a request count and a wall-clock limit, whichever comes first.
//
//   bench_latency_client --requests 2000 --warmup 100 --max-seconds 30
//     --target 'name=direct;port=8081;method=GET;path=/data.json'
//     --target 'name=request;port=8080;method=POST;path=/api/connectors/c_x/request;
//               header=Authorization: Bearer t;body={"method":"GET","path":"/data.json"}'
//
// A target is key=value pairs split by ';' (header may repeat; body=@FILE reads a file; the host
// is always 127.0.0.1). Prints one line per target:
//   name=direct n=2000 errors=0 p50_ms=0.081 p90_ms=0.102 p99_ms=0.160 max_ms=1.2 bytes=312
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <httplib.h>

namespace {

using Clock = std::chrono::steady_clock;

struct Target {
  std::string name;
  int port = 0;
  std::string method = "GET";
  std::string path = "/";
  httplib::Headers headers;
  std::string body;
  std::string content_type = "application/json";
  std::unique_ptr<httplib::Client> client;
  std::vector<double> latencies_ms;
  std::size_t errors = 0;
  std::size_t bytes = 0;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool parse_target(const std::string& spec, Target& t) {
  std::size_t at = 0;
  while (at <= spec.size()) {
    std::size_t end = spec.find(';', at);
    if (end == std::string::npos) end = spec.size();
    const std::string part = spec.substr(at, end - at);
    at = end + 1;
    if (part.empty()) continue;
    const auto eq = part.find('=');
    if (eq == std::string::npos) return false;
    const std::string key = part.substr(0, eq);
    const std::string value = part.substr(eq + 1);
    if (key == "name") {
      t.name = value;
    } else if (key == "port") {
      t.port = std::atoi(value.c_str());
    } else if (key == "method") {
      t.method = value;
    } else if (key == "path") {
      t.path = value;
    } else if (key == "content_type") {
      t.content_type = value;
    } else if (key == "body") {
      t.body = !value.empty() && value[0] == '@' ? read_file(value.substr(1)) : value;
    } else if (key == "header") {
      const auto colon = value.find(':');
      if (colon == std::string::npos) return false;
      const auto start = value.find_first_not_of(' ', colon + 1);
      t.headers.emplace(value.substr(0, colon),
                        start == std::string::npos ? "" : value.substr(start));
    } else {
      return false;
    }
  }
  return !t.name.empty() && t.port > 0;
}

// One request; the latency in ms, or a negative number on a failure or a non-2xx status.
double send_once(Target& t) {
  const auto start = Clock::now();
  httplib::Result r =
      t.method == "POST" ? t.client->Post(t.path.c_str(), t.headers, t.body, t.content_type.c_str())
                         : t.client->Get(t.path.c_str(), t.headers);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  if (!r || r->status < 200 || r->status > 299) {
    if (t.errors++ == 0) {
      std::fprintf(stderr, "bench_latency_client: %s: %s\n", t.name.c_str(),
                   r ? (std::to_string(r->status) + " " + r->body.substr(0, 300)).c_str()
                     : httplib::to_string(r.error()).c_str());
    }
    return -1;
  }
  t.bytes = r->body.size();
  return ms;
}

double percentile(std::vector<double> sorted, double p) {
  if (sorted.empty()) return 0;
  const std::size_t index =
      std::min(sorted.size() - 1, static_cast<std::size_t>(p / 100.0 * sorted.size()));
  return sorted[index];
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t requests = 2000;
  std::size_t warmup = 100;
  double max_seconds = 30;
  std::vector<Target> targets;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--requests") {
      requests = std::strtoull(value.c_str(), nullptr, 10);
    } else if (flag == "--warmup") {
      warmup = std::strtoull(value.c_str(), nullptr, 10);
    } else if (flag == "--max-seconds") {
      max_seconds = std::atof(value.c_str());
    } else if (flag == "--target") {
      Target t;
      if (!parse_target(value, t)) {
        std::fprintf(stderr, "bench_latency_client: bad target: %s\n", value.c_str());
        return 2;
      }
      targets.push_back(std::move(t));
    }
  }
  if (targets.empty()) {
    std::fprintf(stderr,
                 "usage: bench_latency_client --target SPEC [--target SPEC]... "
                 "[--requests N] [--warmup N] [--max-seconds S]\n");
    return 2;
  }
  for (auto& t : targets) {
    t.client = std::make_unique<httplib::Client>("127.0.0.1", t.port);
    t.client->set_keep_alive(true);
    t.client->set_tcp_nodelay(true);
    t.client->set_read_timeout(std::chrono::seconds(10));
    t.latencies_ms.reserve(requests);
  }
  const auto deadline =
      Clock::now() + std::chrono::milliseconds(static_cast<long long>(max_seconds * 1000));
  for (std::size_t i = 0; i < warmup && Clock::now() < deadline; ++i) {
    for (auto& t : targets) (void)send_once(t);
  }
  for (auto& t : targets) t.errors = 0;
  for (std::size_t i = 0; i < requests && Clock::now() < deadline; ++i) {
    for (auto& t : targets) {
      const double ms = send_once(t);
      if (ms >= 0) t.latencies_ms.push_back(ms);
    }
  }
  for (auto& t : targets) {
    std::sort(t.latencies_ms.begin(), t.latencies_ms.end());
    std::printf(
        "name=%s n=%zu errors=%zu p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f "
        "bytes=%zu\n",
        t.name.c_str(), t.latencies_ms.size(), t.errors, percentile(t.latencies_ms, 50),
        percentile(t.latencies_ms, 90), percentile(t.latencies_ms, 99),
        t.latencies_ms.empty() ? 0.0 : t.latencies_ms.back(), t.bytes);
  }
  return 0;
}
