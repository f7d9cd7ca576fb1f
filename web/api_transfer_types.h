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
#include "datahub/transfer_documents.h"

namespace datahub::web {

// ExportRequest, ImportRequest, OnConflict and ImportReport (what the dialogs send and read) are
// the shared types of datahub/transfer_documents.h, written and read with its codec.

// The export document as the server wrote it: saved to the file byte for byte.
struct ExportedDocument {
  std::string text;
  std::string exported_at;     // RFC 3339 UTC, from the document
  std::size_t connectors = 0;  // how many it holds
  bool sealed = false;         // secrets included, sealed under the passphrase
};

}  // namespace datahub::web
