#include "connector_transfer.h"

#include <algorithm>
#include <map>

#include "datahub/connector_json.h"
#include "datahub/connector_validation.h"
#include "datahub/secret_fields.h"
#include "passphrase_seal.h"

namespace datahub::backend {

using nlohmann::json;

namespace {

// Only to prove the passphrase before any entry is opened: a wrong one is one clear 422.
constexpr const char* kCheckText = "datahub-connectors passphrase check";
constexpr std::size_t kListPage = 500;
// Entries one import takes: each is validated and written on its own (milliseconds each), and
// a request must end in reasonable time.
constexpr std::size_t kMaxImportEntries = 1000;

Problem field_problem(ProblemType type, std::string detail, std::vector<FieldError> errors) {
  return make_problem(type, std::move(detail), std::move(errors));
}

Problem invalid(const std::string& field, const std::string& message) {
  return validation_problem({{field, message}});
}

// The associated data of an entry's sealed secrets: the sealed values stay with the connector
// of that name (a document may be edited, e.g. its URLs for another environment).
std::string associated_data(const std::string& name) {
  return std::string(kExportFormat) + '\n' + name;
}

Result<std::optional<std::string>> optional_string(const json& body, const char* member) {
  if (!body.contains(member) || body[member].is_null()) return std::optional<std::string>{};
  if (!body[member].is_string()) {
    return field_problem(ProblemType::BadRequest, "The body is not valid.",
                         {{member, "must be a string or null"}});
  }
  return std::optional<std::string>(body[member].get<std::string>());
}

Result<std::vector<std::string>> all_ids(ConnectorService& service) {
  std::vector<std::string> ids;
  ListQuery query;
  query.limit = kListPage;
  for (;;) {
    auto page = service.list(query);
    if (!page) return page.problem();
    for (const auto& c : page->items) ids.push_back(c.id);
    if (!page->next_cursor) return ids;
    query.cursor = *page->next_cursor;
  }
}

// The request form without secrets and status: what a create needs, besides the secrets.
json entry_of(Connector c) {
  for_each_secret(c, [](const std::string&, WriteOnly& w) { w = WriteOnly{}; });
  json entry = to_request_json(c);
  entry.erase("status");
  return entry;
}

// {"auth.client_secret": "...", "headers[0].value": "..."}: the stored secrets by path.
json secrets_of(const Connector& c) {
  json secrets = json::object();
  for_each_secret(c, [&](const std::string& path, const WriteOnly& w) {
    if (w.value && !w.value->empty()) secrets[path] = *w.value;
  });
  return secrets;
}

}  // namespace

// [SECTION] Export

Result<ExportRequest> export_request_from_json(const json& body) {
  if (!body.is_object()) {
    return make_problem(ProblemType::BadRequest, "The body must be a JSON object.");
  }
  ExportRequest request;
  if (body.contains("ids") && !body["ids"].is_null()) {
    if (!body["ids"].is_array()) {
      return field_problem(ProblemType::BadRequest, "The body is not valid.",
                           {{"ids", "must be an array of connector ids or null"}});
    }
    request.ids.emplace();
    for (const auto& id : body["ids"]) {
      if (!id.is_string()) {
        return field_problem(ProblemType::BadRequest, "The body is not valid.",
                             {{"ids", "must hold strings only"}});
      }
      // Twice the same connector would make a file that no import takes (a repeated name).
      const auto& ids = *request.ids;
      if (auto seen = std::find(ids.begin(), ids.end(), id.get<std::string>()); seen != ids.end()) {
        const std::string at = "ids[" + std::to_string(ids.size()) + "]";
        return field_problem(ProblemType::Validation, "The body is not valid.",
                             {{at, "repeats ids[" + std::to_string(seen - ids.begin()) + "]"}});
      }
      request.ids->push_back(id);
    }
  }
  auto passphrase = optional_string(body, "passphrase");
  if (!passphrase) return passphrase.problem();
  request.passphrase = *passphrase;
  if (request.passphrase) {
    if (auto weak = check_passphrase(*request.passphrase, "passphrase")) return *weak;
  }
  return request;
}

Result<json> export_connectors(ConnectorService& service, const ExportRequest& request,
                               const std::string& exported_at) {
  std::vector<std::string> ids;
  if (request.ids) {
    ids = *request.ids;
  } else {
    auto all = all_ids(service);
    if (!all) return all.problem();
    ids = std::move(*all);
  }
  std::optional<PassphraseSeal> seal;
  json document = {{"format", kExportFormat}, {"exported_at", exported_at}};
  if (request.passphrase) {
    auto made = PassphraseSeal::create(*request.passphrase);
    if (!made) return made.problem();
    seal.emplace(std::move(*made));
    document["sealed"] = seal->to_json();
    document["sealed"]["check"] = seal->seal(kCheckText, kExportFormat);
  }
  json connectors = json::array();
  for (std::size_t i = 0; i < ids.size(); ++i) {
    auto cached = service.get(ids[i]);
    if (!cached) {
      if (cached.problem().type == ProblemType::NotFound) {
        return invalid("ids[" + std::to_string(i) + "]", "names no connector");
      }
      return cached.problem();
    }
    const Connector& c = *cached->connector;
    json entry = entry_of(c);
    if (seal) {
      if (json secrets = secrets_of(c); !secrets.empty()) {
        entry["sealed_secrets"] = seal->seal(secrets.dump(), associated_data(c.name));
      }
    }
    connectors.push_back(std::move(entry));
  }
  document["connectors"] = std::move(connectors);
  return document;
}

// [SECTION] Import

Result<ImportRequest> import_request_from_json(json body) {
  if (!body.is_object()) {
    return make_problem(ProblemType::BadRequest, "The body must be a JSON object.");
  }
  ImportRequest request;
  request.document = std::move(body["document"]);
  auto passphrase = optional_string(body, "passphrase");
  if (!passphrase) return passphrase.problem();
  request.passphrase = *passphrase;
  auto on_conflict = optional_string(body, "on_conflict");
  if (!on_conflict) return on_conflict.problem();
  auto choice = parse_on_conflict(on_conflict->value_or("fail"));
  if (!choice) return invalid("on_conflict", "must be skip, replace or fail");
  request.on_conflict = *choice;
  return request;
}

namespace {

// The document's format, checked: not an export, or one from a newer server, is refused.
std::optional<Problem> check_format(const json& document) {
  if (!document.is_object() || !document.contains("format") || !document["format"].is_string() ||
      !document.contains("connectors") || !document["connectors"].is_array()) {
    return invalid("document",
                   "is not a Data Hub connector export (it needs \"format\" and \"connectors\")");
  }
  if (document["connectors"].size() > kMaxImportEntries) {
    return invalid("document.connectors", "holds more than " + std::to_string(kMaxImportEntries) +
                                              " connectors: import it in parts");
  }
  const std::string format = document["format"];
  const std::string family = "datahub-connectors/";
  if (format == kExportFormat) return std::nullopt;
  if (format.rfind(family, 0) == 0) {
    return invalid("document.format",
                   "is " + format + ", made by a newer server: this one reads " + kExportFormat);
  }
  return invalid("document.format", "is not a Data Hub connector export format");
}

// One entry made ready to write: the connector with its secrets, or the problem that stops it.
struct Prepared {
  std::string name;  // as the entry has it, even when the entry is broken
  std::optional<Connector> connector;
  std::optional<Problem> problem;
  std::string existing_id;  // a stored connector of the same name
};

std::string entry_field(std::size_t i, const std::string& member = "") {
  return "document.connectors[" + std::to_string(i) + "]" + (member.empty() ? "" : "." + member);
}

Result<std::optional<PassphraseSeal>> open_seal(const ImportRequest& request) {
  const json& document = request.document;
  if (!document.contains("sealed")) return std::optional<PassphraseSeal>{};
  if (!request.passphrase) {
    return invalid("passphrase",
                   "is needed: this document's secrets are sealed (remove its \"sealed\" member "
                   "and each \"sealed_secrets\" to import it without them)");
  }
  auto seal = PassphraseSeal::from_json(document["sealed"], *request.passphrase);
  if (!seal) return seal.problem();
  const json& check = document["sealed"]["check"];
  if (!check.is_string() || seal->open(check.get<std::string>(), kExportFormat) != kCheckText) {
    return invalid("passphrase", "does not open this document's secrets");
  }
  return std::optional<PassphraseSeal>(std::move(*seal));
}

// Parses entry `i` and puts its sealed secrets in; a sealed value that does not open is a
// document problem (returned), a broken connector an entry problem (in Prepared).
Result<Prepared> prepare(const json& entry, std::size_t i,
                         const std::optional<PassphraseSeal>& seal) {
  Prepared out;
  if (!entry.is_object()) {
    out.problem = invalid(entry_field(i), "must be a connector object");
    return out;
  }
  if (entry.contains("name") && entry["name"].is_string()) out.name = entry["name"];
  json body = entry;
  body.erase("sealed_secrets");
  body["status"] = "disabled";
  auto parsed = connector_from_json(body);
  if (!parsed) {
    out.problem = parsed.problem();
    return out;
  }
  Connector c = std::move(*parsed);
  if (entry.contains("sealed_secrets")) {
    const json& sealed = entry["sealed_secrets"];
    std::optional<std::string> plain;
    if (seal && sealed.is_string())
      plain = seal->open(sealed.get<std::string>(), associated_data(c.name));
    json secrets = plain ? json::parse(*plain, nullptr, false) : json();
    if (!secrets.is_object()) {
      return invalid(entry_field(i, "sealed_secrets"),
                     "does not open: the entry's name changed since the export, or it is damaged");
    }
    for_each_secret(c, [&](const std::string& path, WriteOnly& w) {
      if (secrets.contains(path) && secrets[path].is_string()) w.value = secrets[path];
    });
  }
  out.connector = std::move(c);
  return out;
}

// The stored connector whose name folds like `name`, if any.
Result<std::string> existing_id(ConnectorService& service, const std::string& name) {
  ListQuery query;
  query.q = name;
  query.limit = kListPage;
  auto page = service.list(query);
  if (!page) return page.problem();
  for (const auto& c : page->items) {
    if (fold_name(c.name) == fold_name(name)) return c.id;
  }
  return std::string();
}

// Every entry's name once: duplicates inside the document are its author's mistake.
std::optional<Problem> duplicate_names(const std::vector<Prepared>& entries) {
  std::map<std::string, std::size_t> seen;
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].name.empty()) continue;
    const auto [at, fresh] = seen.emplace(fold_name(entries[i].name), i);
    if (!fresh) {
      errors.push_back(
          {entry_field(i, "name"), "repeats the name of entry " + std::to_string(at->second)});
    }
  }
  if (errors.empty()) return std::nullopt;
  return validation_problem(std::move(errors));
}

std::optional<Problem> refuse_for_fail(const std::vector<Prepared>& entries) {
  std::vector<FieldError> invalid_entries;
  std::vector<FieldError> conflicts;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].problem) {
      invalid_entries.push_back({entry_field(i), entries[i].problem->detail});
      for (const auto& e : entries[i].problem->errors) {
        invalid_entries.push_back({entry_field(i, e.field), e.message});
      }
    } else if (!entries[i].existing_id.empty()) {
      conflicts.push_back(
          {entry_field(i, "name"), "is taken by connector " + entries[i].existing_id});
    }
  }
  if (!invalid_entries.empty()) return validation_problem(std::move(invalid_entries));
  if (!conflicts.empty()) {
    return field_problem(ProblemType::NameTaken,
                         "Connectors of these names exist; nothing was imported (choose skip or "
                         "replace to import the others).",
                         std::move(conflicts));
  }
  return std::nullopt;
}

json body_of(const Connector& c) {
  json body = to_request_json(c);
  body["status"] = "disabled";
  return body;
}

}  // namespace

Result<ImportReport> import_connectors(ConnectorService& service, const ImportRequest& request,
                                       const std::optional<HistoryActor>& actor) {
  if (auto bad = check_format(request.document)) return *bad;
  auto seal = open_seal(request);
  if (!seal) return seal.problem();
  const json& entries_json = request.document["connectors"];
  std::vector<Prepared> entries;
  for (std::size_t i = 0; i < entries_json.size(); ++i) {
    auto prepared = prepare(entries_json[i], i, *seal);
    if (!prepared) return prepared.problem();
    if (prepared->connector) {
      if (auto checked = ConnectorService::parse_new(body_of(*prepared->connector)); !checked) {
        prepared->problem = checked.problem();
        prepared->connector.reset();
      }
    }
    entries.push_back(std::move(*prepared));
  }
  if (auto dup = duplicate_names(entries)) return *dup;
  for (auto& e : entries) {
    if (!e.connector) continue;
    auto found = existing_id(service, e.connector->name);
    if (!found) return found.problem();
    e.existing_id = *found;
  }
  if (request.on_conflict == OnConflict::Fail) {
    if (auto refused = refuse_for_fail(entries)) return *refused;
  }

  ImportReport report;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const Prepared& e = entries[i];
    if (e.problem) {
      report.errors.emplace_back(i, *e.problem);
      continue;
    }
    const std::string& name = e.connector->name;
    if (!e.existing_id.empty() && request.on_conflict == OnConflict::Skip) {
      report.skipped.push_back({i, e.existing_id, name});
      continue;
    }
    auto written = e.existing_id.empty()
                       ? service.create(body_of(*e.connector), actor)
                       : service.replace(e.existing_id, body_of(*e.connector), IfMatch{true, {}},
                                         ConnectorStatus::Disabled, actor);
    if (!written) {
      report.errors.emplace_back(i, written.problem());
    } else {
      (e.existing_id.empty() ? report.created : report.replaced).push_back({i, written->id, name});
    }
  }
  return report;
}

}  // namespace datahub::backend
