// A process that dies inside a read transaction (a `backup` killed halfway) leaves its reader
// slot behind, pinning the pages of its snapshot; the server's writes clear such slots now and
// then, not only when the store opens.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include "store_test_util.h"

namespace datahub::backend::testing {
namespace {

// Counted in a child process: a second environment on the same files in this process would
// share (and on close, drop) this process's locks.
int reader_slots(const std::filesystem::path& dir) {
  const pid_t child = fork();
  if (child == 0) {
    MDB_env* env = nullptr;
    int lines = 0;
    if (mdb_env_create(&env) == 0 && mdb_env_open(env, dir.c_str(), MDB_NOTLS, 0600) == 0) {
      mdb_reader_list(
          env, [](const char*, void* ctx) { return ++*static_cast<int*>(ctx), 0; }, &lines);
    }
    _exit(lines > 0 ? lines - 1 : 100);  // the first line is the header
  }
  int status = 0;
  waitpid(child, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A child opens the environment, starts a read transaction and dies without ending it.
void die_inside_a_read(const std::filesystem::path& dir) {
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    MDB_env* env = nullptr;
    MDB_txn* txn = nullptr;
    if (mdb_env_create(&env) == 0 && mdb_env_open(env, dir.c_str(), MDB_NOTLS, 0600) == 0)
      mdb_txn_begin(env, nullptr, MDB_RDONLY, &txn);
    _exit(0);  // no cleanup: as kill -9 would leave it
  }
  int status = 0;
  ASSERT_EQ(waitpid(child, &status, 0), child);
}

TEST(ReaderCheck, AWriteClearsTheSlotOfAReaderThatDied) {
  TempDir dir;
  LmdbEnvOptions options;
  options.dir = dir.path();
  options.sync = false;
  options.reader_check_interval = std::chrono::milliseconds(0);
  auto env = LmdbEnv::open(options);
  ASSERT_TRUE(env.ok());
  auto db = (*env)->open_db("t");
  ASSERT_TRUE(db.ok());
  die_inside_a_read(dir.path());
  ASSERT_EQ(reader_slots(dir.path()), 1) << "the dead reader's slot is still taken";
  ASSERT_TRUE((*env)
                  ->write<bool>([&](Txn& txn) -> Result<bool> {
                    txn.put(*db, "k", "v");
                    return true;
                  })
                  .ok());
  EXPECT_EQ(reader_slots(dir.path()), 0) << "cleared by the write";
}

}  // namespace
}  // namespace datahub::backend::testing
