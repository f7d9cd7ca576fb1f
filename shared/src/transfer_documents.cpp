#include "datahub/transfer_documents.h"

#include <array>

namespace datahub {
namespace {

using nlohmann::json;

constexpr std::array<std::pair<OnConflict, const char*>, 3> kChoices = {{
    {OnConflict::Fail, "fail"},
    {OnConflict::Skip, "skip"},
    {OnConflict::Replace, "replace"},
}};

json or_null(const std::optional<std::string>& s) {
  return s ? json(*s) : json();
}

json entries_json(const std::vector<ImportedEntry>& entries) {
  json out = json::array();
  for (const auto& e : entries) out.push_back({{"index", e.index}, {"id", e.id}, {"name", e.name}});
  return out;
}

bool has_index(const json& e) {
  return e.is_object() && e.contains("index") && e["index"].is_number_unsigned();
}

bool read_entries(const json& body, const char* key, std::vector<ImportedEntry>& out) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_array()) return false;
  for (const json& e : *it) {
    if (!has_index(e)) return false;
    const auto text = [&e](const char* member) {
      auto m = e.find(member);
      return m != e.end() && m->is_string() ? m->get<std::string>() : std::string();
    };
    out.push_back({e["index"].get<std::size_t>(), text("id"), text("name")});
  }
  return true;
}

}  // namespace

const char* to_string(OnConflict choice) {
  for (const auto& [c, name] : kChoices)
    if (c == choice) return name;
  return "fail";
}

std::optional<OnConflict> parse_on_conflict(std::string_view text) {
  for (const auto& [c, name] : kChoices)
    if (text == name) return c;
  return std::nullopt;
}

json to_json(const ExportRequest& request) {
  return {{"ids", request.ids ? json(*request.ids) : json()},
          {"passphrase", or_null(request.passphrase)}};
}

json to_json(const ImportRequest& request) {
  return {{"document", request.document},
          {"passphrase", or_null(request.passphrase)},
          {"on_conflict", to_string(request.on_conflict)}};
}

json to_json(const ImportReport& report) {
  json errors = json::array();
  for (const auto& [index, problem] : report.errors)
    errors.push_back({{"index", index}, {"problem", to_json(problem)}});
  return {{"created", entries_json(report.created)},
          {"replaced", entries_json(report.replaced)},
          {"skipped", entries_json(report.skipped)},
          {"errors", std::move(errors)}};
}

Result<ImportReport> import_report_from_json(const json& body) {
  ImportReport report;
  const bool lists = body.is_object() && read_entries(body, "created", report.created) &&
                     read_entries(body, "replaced", report.replaced) &&
                     read_entries(body, "skipped", report.skipped) && body.contains("errors") &&
                     body["errors"].is_array();
  if (!lists) return make_problem(ProblemType::BadRequest, "not an import report");
  for (const json& e : body["errors"]) {
    if (!has_index(e)) return make_problem(ProblemType::BadRequest, "not an import report");
    auto problem = e.find("problem");
    report.errors.emplace_back(
        e["index"].get<std::size_t>(),
        problem_from_json(problem != e.end() ? *problem : json::object(), 422));
  }
  return report;
}

}  // namespace datahub
