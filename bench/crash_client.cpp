// bench_crash_client: the writer of bench/crash_bench.sh. Several threads, each on its own
// connectors, send create / update (PUT) / activate / disable / delete to datahub-server as fast
// as it answers, and print one line per write, in the order each thread saw them:
//   ack <op> <id> <version> <status>   the server answered 2xx: it promised the write is stored
//                                      (delete: version 0, status "deleted")
//   maybe <op> <id|-> 0 -              no answer (the server was killed): stored or not
//   fail <op> <id> <http status> -     any other answer (counted as an error by the script)
// A thread stops at its first unanswered request; the program ends when all have stopped or
// after --seconds, whichever is first.
//
//   bench_crash_client --port 18080 --token T --threads 4 --seed 42 --seconds 30
#include <unistd.h>

#include <chrono>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "api_client.h"

namespace {

using Clock = std::chrono::steady_clock;

enum class Op { Create, Update, Activate, Disable, Delete };
const char* const kOpNames[] = {"create", "update", "activate", "disable", "delete"};
const char* op_name(Op op) {
  return kOpNames[static_cast<int>(op)];
}

// One write() per line: lines of several threads never interleave, and a line is in the file
// before the thread sends its next request.
void emit(const std::string& line) {
  if (::write(STDOUT_FILENO, line.data(), line.size()) != static_cast<ssize_t>(line.size())) {
    std::_Exit(3);
  }
}

// Creates stay frequent enough that every thread always has connectors to change.
Op choose(std::mt19937& rng, bool has_connectors) {
  static const Op mix[] = {Op::Create,   Op::Create,   Op::Update,  Op::Update,  Op::Update,
                           Op::Activate, Op::Activate, Op::Disable, Op::Disable, Op::Delete};
  return has_connectors ? mix[rng() % 10] : Op::Create;
}

// A connector of this thread, at the version the server last acknowledged.
struct Live {
  std::string id;
  long version = 0;
  bool active = false;
};

struct Writer {
  bench::ApiClient api;
  std::mt19937 rng;
  std::string prefix;  // makes names unique across threads and rounds
  int count = 0;
  std::vector<Live> live;

  // Varied sizes: records span pages and the map grows while the server may be killed.
  nlohmann::json body() {
    const std::string name = prefix + "-" + std::to_string(++count);
    return bench::connector_body(name,
                                 "https://crash.example.com/" + std::string(rng() % 1500, 'x'));
  }

  bench::Answer perform(Op op, const Live& c) {
    const std::string path = "/api/connectors/" + c.id;
    switch (op) {
      case Op::Create:
        return api.send("POST", "/api/connectors", body());
      case Op::Update:
        return api.send("PUT", path, body(), c.version);
      case Op::Activate:
        return api.send("POST", path + "/activate");
      case Op::Disable:
        return api.send("POST", path + "/disable");
      case Op::Delete:
        return api.send("DELETE", path);
    }
    return {};
  }

  // Returns false once the server stopped answering.
  bool step() {
    Op op = choose(rng, !live.empty());
    const std::size_t pick = live.empty() ? 0 : rng() % live.size();
    const Live target = op == Op::Create ? Live{"-", 0, false} : live[pick];
    // A status change always changes it: the server writes nothing (no version, no history)
    // for activating an active connector.
    if (op == Op::Activate || op == Op::Disable) op = target.active ? Op::Disable : Op::Activate;
    const bench::Answer answer = perform(op, target);
    const std::string head = std::string(op_name(op)) + " " + target.id + " ";
    if (answer.status == 0) {
      emit("maybe " + head + "0 -\n");
      return false;
    }
    if (!answer.ok()) {
      emit("fail " + head + std::to_string(answer.status) + " -\n");
    } else if (op == Op::Delete) {
      emit("ack " + head + "0 deleted\n");
      live.erase(live.begin() + static_cast<long>(pick));
    } else {
      acknowledge(op, answer.body, pick);
    }
    return true;
  }

  // The version and status the server answered: what it promised to have stored.
  void acknowledge(Op op, const nlohmann::json& got, std::size_t pick) {
    const std::string status = got.value("status", "?");
    const Live now{got.value("id", ""), got.value("version", 0L), status == "active"};
    emit("ack " + std::string(op_name(op)) + " " + now.id + " " + std::to_string(now.version) +
         " " + status + "\n");
    if (op == Op::Create) {
      live.push_back(now);
    } else {
      live[pick] = now;
    }
  }
};

void run(int port, const std::string& token, unsigned seed, const std::string& prefix,
         Clock::time_point deadline) {
  Writer writer{bench::ApiClient(port, token), std::mt19937(seed), prefix, 0, {}};
  while (Clock::now() < deadline && writer.step()) {
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int port = std::stoi(bench::arg(argc, argv, "--port", "0"));
  const std::string token = bench::arg(argc, argv, "--token", "");
  const int threads = std::stoi(bench::arg(argc, argv, "--threads", "4"));
  const unsigned seed = static_cast<unsigned>(std::stoul(bench::arg(argc, argv, "--seed", "1")));
  const auto deadline =
      Clock::now() + std::chrono::seconds(std::stoi(bench::arg(argc, argv, "--seconds", "30")));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    const std::string prefix = "crash-" + std::to_string(seed) + "-" + std::to_string(t);
    pool.emplace_back(run, port, token, seed * 31 + static_cast<unsigned>(t), prefix, deadline);
  }
  for (auto& t : pool) t.join();
}
