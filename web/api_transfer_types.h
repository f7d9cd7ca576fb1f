// What the Data Hub's Export and Import send and get back (docs/API.md, "Export and import"):
// plain data for the dialogs; api_client_http_transfer.cpp writes and reads the JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "datahub/problem.h"

namespace datahub::web {

// What an import does with an entry whose name a stored connector has (the API's on_conflict).
enum class OnConflict { Fail, Skip, Replace };

struct ExportRequest {
  std::optional<std::vector<std::string>> ids;  // every connector when absent
  std::optional<std::string> passphrase;        // secrets sealed into the file when present
};

// The export document as the server wrote it: saved to the file byte for byte.
struct ExportedDocument {
  std::string text;
  std::string exported_at;     // RFC 3339 UTC, from the document
  std::size_t connectors = 0;  // how many it holds
  bool sealed = false;         // secrets included, sealed under the passphrase
};

struct ImportRequest {
  nlohmann::json document;
  std::optional<std::string> passphrase;
  OnConflict on_conflict = OnConflict::Fail;
};

// One entry of the document the import wrote or left: its index in `connectors`.
struct ImportedEntry {
  std::size_t index = 0;
  std::string id;
  std::string name;
};

struct ImportReport {
  std::vector<ImportedEntry> created, replaced, skipped;
  std::vector<std::pair<std::size_t, Problem>> errors;  // by entry index
};

}  // namespace datahub::web
