// Kill -9 a writer at random moments, many times: every write it acknowledged must be there
// after reopening, and LMDB's own checker must accept the environment. The short version, at the
// store level; bench/crash_bench.sh kills the real server under every kind of write, 100 rounds.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <random>
#include <sstream>

#include "store_test_util.h"

namespace datahub::backend::testing {
namespace {

using Acknowledged = std::map<std::string, std::int64_t>;  // id -> highest version

// Starts the writer with stdout on a pipe; returns its pid and the pipe's read end.
pid_t spawn_writer(const std::filesystem::path& dir, unsigned seed, int& read_fd) {
  int fds[2];
  if (::pipe(fds) != 0) return -1;
  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(fds[1], STDOUT_FILENO);
    ::close(fds[0]);
    ::close(fds[1]);
    std::string seed_arg = std::to_string(seed);
    ::execl(STORE_CRASH_WRITER, STORE_CRASH_WRITER, dir.c_str(), seed_arg.c_str(), nullptr);
    ::_exit(127);
  }
  ::close(fds[1]);
  read_fd = fds[0];
  return pid;
}

// Everything the writer printed, including lines still in the pipe when it died.
std::string drain(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  ::close(fd);
  return out;
}

// Returns how many writes the output acknowledges.
std::size_t record(const std::string& output, Acknowledged& acked) {
  std::istringstream lines(output);
  std::string id;
  std::int64_t version = 0;
  std::size_t writes = 0;
  // A torn last line cannot happen: each line is one write() of far less than PIPE_BUF.
  for (; lines >> id >> version; ++writes) acked[id] = std::max(acked[id], version);
  return writes;
}

void check_store(const std::filesystem::path& dir, const Acknowledged& acked, int round) {
  auto store = open_store(dir);
  ASSERT_NE(store, nullptr) << "round " << round;
  for (const auto& [id, version] : acked) {
    auto got = store->get(id);
    ASSERT_TRUE(got.ok()) << "round " << round << ": acknowledged " << id << " is missing";
    EXPECT_GE(got->version, version) << "round " << round << ": " << id;
    EXPECT_EQ(got->auth.oauth2.client_secret.value, "secret-" + id);
  }
  EXPECT_GE(store->count(), acked.size());
  // Record and name index are written in one transaction: they can never disagree.
  auto page = store->list(ListQuery{});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, store->count()) << "round " << round;
}

TEST(StoreCrash, AcknowledgedWritesSurviveSigkill) {
  TempDir dir;
  Acknowledged acked;
  std::mt19937 rng(std::random_device{}());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  int rounds = 0;
  std::size_t writes = 0;
  for (; rounds < 30 && std::chrono::steady_clock::now() < deadline; ++rounds) {
    int fd = -1;
    pid_t pid = spawn_writer(dir.path(), rng(), fd);
    ASSERT_GT(pid, 0);
    ::usleep(20000 + rng() % 300000);  // 20-320 ms: opening, growing, mid-commit, ...
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status))
        << "the writer stopped by itself (exit " << WEXITSTATUS(status) << ")";
    writes += record(drain(fd), acked);
    check_store(dir.path(), acked, rounds);
    std::string check = "mdb_stat -a " + dir.path().string() + " >/dev/null";
    ASSERT_EQ(std::system(check.c_str()), 0)
        << "mdb_stat rejects the environment, round " << rounds;
  }
  EXPECT_GE(rounds, 10);
  EXPECT_GT(acked.size(), 0u) << "the writer never got a write through";
  std::printf("[ crash    ] %d rounds, %zu acknowledged writes to %zu connectors\n", rounds, writes,
              acked.size());
}

}  // namespace
}  // namespace datahub::backend::testing
