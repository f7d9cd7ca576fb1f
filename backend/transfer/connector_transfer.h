// Export and import of connector definitions between servers (docs/API.md, "Export and
// import"): a JSON document of connectors in their request form, secrets left out, or sealed
// under a passphrase (passphrase_seal.h). Import starts every connector disabled, reports per
// entry, and writes nothing when the document, its passphrase or (with on_conflict "fail") any
// entry is wrong.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "connector_service.h"
#include "datahub/result.h"
#include "datahub/transfer_documents.h"

namespace datahub::backend {

inline constexpr const char* kExportFormat = "datahub-connectors/1";

// ExportRequest, ImportRequest, OnConflict and ImportReport are the shared types of
// datahub/transfer_documents.h.

// {"ids": null | [...], "passphrase": null | "..."}; 400/422 with every broken field.
Result<ExportRequest> export_request_from_json(const nlohmann::json& body);
// The document; an id that names no connector is a 422 under "ids[i]".
Result<nlohmann::json> export_connectors(ConnectorService& service, const ExportRequest& request,
                                         const std::string& exported_at);

Result<ImportRequest> import_request_from_json(nlohmann::json body);

// Problems before anything is written: Validation (not an export, a newer format, duplicate
// names, a wrong passphrase, a sealed document without one, and with Fail any invalid entry),
// NameTaken (409, with Fail, listing the conflicting entries).
// Every connector written names `actor` in its history.
Result<ImportReport> import_connectors(ConnectorService& service, const ImportRequest& request,
                                       const std::optional<HistoryActor>& actor = {});

}  // namespace datahub::backend
