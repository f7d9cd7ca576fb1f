// `datahub-server backup` and `restore`: a consistent, compacted copy of a data directory's
// LMDB store taken while a server may be writing to it, and its return into an empty directory.
// The copy holds the records as stored, so secrets stay sealed with the data directory's key:
// the key file is never put in the backup, and a restore needs it given separately.
#pragma once

#include <cstddef>
#include <filesystem>

#include "datahub/result.h"

namespace datahub::backend {

struct BackupReport {
  std::size_t bytes = 0;  // size of the backup file
};

// Copies the store in `data_dir` into a new file `out` (mode 0600) with LMDB's compacting copy,
// which reads one snapshot in a read transaction: a server may keep writing meanwhile and the
// copy holds exactly the changes committed before it began. Written to `out`.partial, synced,
// then renamed, so `out` is never half a backup. Refuses an existing `out` and a directory
// without a store. Takes no lock a running server holds.
Result<BackupReport> backup_store(const std::filesystem::path& data_dir,
                                  const std::filesystem::path& out);

struct RestoreReport {
  std::size_t connectors = 0;  // connectors in the restored store
};

// Puts the backup `in` into `data_dir` (which must not exist or be empty) as its store, and
// `key_file`'s key beside it as secret.key when `copy_key` (else the server will be pointed at
// `key_file` through DATAHUB_SECRET_KEY_FILE). Then opens the result as a server would: a file
// that is not a store, a newer schema, or a key that is not the one the backup's secrets were
// sealed with fails the restore, and whatever it wrote is removed again.
Result<RestoreReport> restore_store(const std::filesystem::path& in,
                                    const std::filesystem::path& data_dir,
                                    const std::filesystem::path& key_file, bool copy_key);

}  // namespace datahub::backend
