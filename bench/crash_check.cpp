// bench_crash_check: after bench/crash_bench.sh killed datahub-server (-9) and started it again
// on the same data directory, compares what the server serves with every write that
// bench_crash_client saw acknowledged, in all rounds so far.
//   - an acknowledged connector is listed with its acknowledged version and status, or with the
//     next version when its one unanswered write landed ("landed", not a loss);
//   - an acknowledged delete stays deleted;
//   - the history of the connectors in --history (this round's lines) holds an entry for each
//     acknowledged write (action and version).
//
//   bench_crash_check --port P --token T --acks ALL_LINES --history ROUND_LINES
// Prints: connectors=N acknowledged=A lost=L history_checked=H history_lost=HL landed=U
//         unknown=K maybe_creates=M   (unknown: listed but never acknowledged, at most M)
// and one line per lost write on stderr. Exit 2 when the server could not be read.
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "api_client.h"

namespace {

struct Line {
  std::string kind, op, id;
  long version = 0;
  std::string status;
};

std::vector<Line> read_lines(const std::string& path) {
  std::vector<Line> out;
  std::ifstream in(path);
  std::string text;
  while (std::getline(in, text)) {
    std::istringstream fields(text);
    Line line;
    if (fields >> line.kind >> line.op >> line.id >> line.version >> line.status) {
      out.push_back(line);
    }
  }
  return out;
}

struct Expected {
  long version = 0;
  std::string status;
  bool deleted = false;
  std::optional<std::string> pending;  // the op of an unanswered write after the last ack
};

struct Listed {
  long version = 0;
  std::string status;
};

struct Tally {
  long acknowledged = 0, lost = 0, landed = 0, maybe_creates = 0;
  long history_checked = 0, history_lost = 0;
};

std::map<std::string, Expected> expectations(const std::vector<Line>& lines, Tally& tally) {
  std::map<std::string, Expected> out;
  for (const auto& l : lines) {
    if (l.kind == "maybe" && l.id == "-") ++tally.maybe_creates;
    if (l.kind == "maybe" && l.id != "-") out[l.id].pending = l.op;
    if (l.kind != "ack") continue;
    ++tally.acknowledged;
    Expected& e = out[l.id];
    e.pending.reset();
    e.deleted = l.op == "delete";
    if (!e.deleted) e.version = l.version, e.status = l.status;
  }
  return out;
}

// Every connector the server lists, page by page.
std::optional<std::map<std::string, Listed>> list_all(bench::ApiClient& api) {
  std::map<std::string, Listed> out;
  std::string cursor;
  do {
    std::string path = "/api/connectors?limit=500";
    if (!cursor.empty()) path += "&cursor=" + bench::percent_encode(cursor);
    const bench::Answer page = api.send("GET", path);
    if (page.status != 200) return std::nullopt;
    for (const auto& c : page.body["items"]) {
      out[c["id"].get<std::string>()] = {c["version"].get<long>(), c["status"].get<std::string>()};
    }
    cursor =
        page.body["next_cursor"].is_string() ? page.body["next_cursor"].get<std::string>() : "";
  } while (!cursor.empty());
  return out;
}

// The state a connector may have when its unanswered write `op` landed after `e`.
bool is_landed(const Expected& e, const Listed& got) {
  if (!e.pending || *e.pending == "delete" || got.version != e.version + 1) return false;
  if (*e.pending == "activate") return got.status == "active";
  if (*e.pending == "disable") return got.status == "disabled";
  return got.status == e.status;
}

void compare(const std::map<std::string, Expected>& expected,
             const std::map<std::string, Listed>& listed, Tally& tally) {
  for (const auto& [id, e] : expected) {
    const auto got = listed.find(id);
    const bool present = got != listed.end();
    if (e.deleted) {
      if (present) ++tally.lost, std::fprintf(stderr, "lost: %s deleted but listed\n", id.c_str());
    } else if (!present) {
      if (e.pending == "delete") {
        ++tally.landed;
      } else if (e.version > 0) {
        ++tally.lost, std::fprintf(stderr, "lost: %s (v%ld) missing\n", id.c_str(), e.version);
      }
    } else if (got->second.version == e.version && got->second.status == e.status) {
    } else if (is_landed(e, got->second)) {
      ++tally.landed;
    } else {
      ++tally.lost;
      std::fprintf(stderr, "lost: %s is v%ld %s, acknowledged v%ld %s\n", id.c_str(),
                   got->second.version, got->second.status.c_str(), e.version, e.status.c_str());
    }
  }
}

const char* action_of(const std::string& op) {
  if (op == "create") return "created";
  if (op == "update") return "updated";
  if (op == "activate") return "activated";
  if (op == "disable") return "disabled";
  return "deleted";
}

// Each acknowledged write of `lines` has its history entry ("deleted" carries the version the
// connector had, the last one acknowledged before it).
bool check_history(bench::ApiClient& api, const std::vector<Line>& lines, Tally& tally) {
  std::map<std::string, std::set<std::pair<std::string, long>>> entries;
  std::map<std::string, long> last_version;
  for (const auto& l : lines) {
    if (l.kind != "ack") continue;
    if (!entries.count(l.id)) {
      const bench::Answer history = api.send("GET", "/api/connectors/" + l.id + "/history");
      if (history.status == 0) return false;
      auto& set = entries[l.id];
      if (history.status == 200) {
        for (const auto& h : history.body["items"]) {
          set.emplace(h["action"].get<std::string>(), h["version"].get<long>());
        }
      }
    }
    const long version = l.op == "delete" ? last_version[l.id] : l.version;
    last_version[l.id] = l.version;
    ++tally.history_checked;
    if (!entries[l.id].count({action_of(l.op), version})) {
      ++tally.history_lost;
      std::fprintf(stderr, "history lost: %s %s v%ld\n", l.id.c_str(), l.op.c_str(), version);
    }
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bench::ApiClient api(std::stoi(bench::arg(argc, argv, "--port", "0")),
                       bench::arg(argc, argv, "--token", ""));
  Tally tally;
  const auto expected = expectations(read_lines(bench::arg(argc, argv, "--acks", "")), tally);
  const auto listed = list_all(api);
  if (!listed) return std::fprintf(stderr, "crash_check: the server did not list\n"), 2;
  compare(expected, *listed, tally);
  long unknown = 0;
  for (const auto& entry : *listed) unknown += expected.count(entry.first) ? 0 : 1;
  if (!check_history(api, read_lines(bench::arg(argc, argv, "--history", "")), tally)) {
    return std::fprintf(stderr, "crash_check: the server did not answer a history\n"), 2;
  }
  std::printf(
      "connectors=%zu acknowledged=%ld lost=%ld history_checked=%ld history_lost=%ld landed=%ld "
      "unknown=%ld maybe_creates=%ld\n",
      listed->size(), tally.acknowledged, tally.lost, tally.history_checked, tally.history_lost,
      tally.landed, unknown, tally.maybe_creates);
}
