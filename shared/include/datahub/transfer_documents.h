// What POST /api/connectors/export and /import take and give (docs/API.md, "Export and
// import"), apart from the export document itself (JSON kept as written): the requests, the
// conflict choice and the import's report. The backend reads the requests and writes the
// report, the web writes the requests and reads the report, with the functions below.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "datahub/problem.h"
#include "datahub/result.h"

namespace datahub {

// What an import does with an entry whose name a stored connector has.
enum class OnConflict { Fail, Skip, Replace };
// "fail", "skip", "replace".
const char* to_string(OnConflict choice);
std::optional<OnConflict> parse_on_conflict(std::string_view text);

struct ExportRequest {
  std::optional<std::vector<std::string>> ids;  // every connector when absent
  std::optional<std::string> passphrase;        // secrets sealed into the file when present
};

struct ImportRequest {
  nlohmann::json document;
  std::optional<std::string> passphrase;
  OnConflict on_conflict = OnConflict::Fail;
};

// {"ids": [...] | null, "passphrase": "..." | null}
nlohmann::json to_json(const ExportRequest& request);
// {"document": {...}, "passphrase": "..." | null, "on_conflict": "fail" | ...}
nlohmann::json to_json(const ImportRequest& request);

// One entry of the document the import wrote or left: its index in `connectors`.
struct ImportedEntry {
  std::size_t index = 0;
  std::string id;
  std::string name;
  bool operator==(const ImportedEntry&) const = default;
};

struct ImportReport {
  std::vector<ImportedEntry> created, replaced, skipped;
  std::vector<std::pair<std::size_t, Problem>> errors;  // by entry index
};

// {"created": [{"index","id","name"}], "replaced": [...], "skipped": [...],
//  "errors": [{"index", "problem": {...}}]}
nlohmann::json to_json(const ImportReport& report);
// BadRequest when a list is missing or an entry has no whole-number index.
Result<ImportReport> import_report_from_json(const nlohmann::json& body);

}  // namespace datahub
