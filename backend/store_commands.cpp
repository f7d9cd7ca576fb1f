#include "store_commands.h"

#include <cstdio>

#include "store/lmdb_backup.h"

namespace datahub::backend {

namespace {

int backup(const ServerOptions& options) {
  auto report = backup_store(options.data_dir, options.backup_file);
  if (!report) {
    std::fprintf(stderr, "datahub-server: %s\n", report.problem().detail.c_str());
    return 1;
  }
  std::printf(
      "datahub-server: backed up %s to %s (%zu bytes). Its secrets are sealed with that data "
      "directory's key (secret.key, or DATAHUB_SECRET_KEY_FILE): keep a copy of the key apart "
      "from the backup; restore needs it.\n",
      options.data_dir.c_str(), options.backup_file.c_str(), report->bytes);
  return 0;
}

int restore(const ServerOptions& options) {
  auto report = restore_store(options.backup_file, options.data_dir, options.restore_key,
                              options.restore_key_copy);
  if (!report) {
    std::fprintf(stderr, "datahub-server: %s\n", report.problem().detail.c_str());
    return 1;
  }
  std::printf(
      "datahub-server: restored %zu connector%s from %s into %s%s\n", report->connectors,
      report->connectors == 1 ? "" : "s", options.backup_file.c_str(), options.data_dir.c_str(),
      options.restore_key_copy ? " (with its key as secret.key)"
                               : "; start the server with the same DATAHUB_SECRET_KEY_FILE");
  return 0;
}

}  // namespace

int run_store_command(const ServerOptions& options) {
  switch (options.command) {
    case ServerOptions::Command::backup:
      return backup(options);
    case ServerOptions::Command::restore:
      return restore(options);
    case ServerOptions::Command::serve:
      break;
  }
  return 2;
}

}  // namespace datahub::backend
