// The `backup` and `restore` subcommands of datahub-server (docs/API.md, "Backup and restore").
#pragma once

#include "server_options.h"

namespace datahub::backend {

// Runs options.command (backup or restore), printing what it did or why it failed; the exit code.
int run_store_command(const ServerOptions& options);

}  // namespace datahub::backend
