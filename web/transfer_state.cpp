#include "transfer_state.h"

#include <algorithm>
#include <cstdlib>

#include "datahub/json_parse.h"
#include "history_labels.h"  // FieldLabel: the form's words for a field path

namespace datahub::web {
namespace {

// Characters as a person counts them: UTF-8 code points, not bytes.
std::size_t CharCount(const std::string& s) {
  return static_cast<std::size_t>(
      std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::optional<std::string> PassphraseOrNone(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

// The server's word on the passphrase field, if it gave one.
std::string ErrorOn(const Problem& problem, const char* field) {
  for (const FieldError& e : problem.errors)
    if (e.field == field) return e.message;
  return "";
}

// An entry's own line ("document.connectors[1]": "1 field is not valid.") says nothing its
// fields' lines do not: left out when the entry has some.
bool SaidByItsFields(const FieldError& error, const std::vector<FieldError>& all) {
  if (!error.field.starts_with("document.connectors[") || !error.field.ends_with("]")) return false;
  const std::string prefix = error.field + ".";
  return std::any_of(all.begin(), all.end(),
                     [&](const FieldError& e) { return e.field.starts_with(prefix); });
}

}  // namespace

std::string ExportFileName(const std::string& exported_at) {
  std::string date = exported_at.size() >= 10 ? exported_at.substr(0, 10) : "export";
  return "datahub-connectors-" + date + ".json";
}

// [SECTION] Export

void ExportDialogState::Open() {
  passphrase.clear();
  m_passphrase_error.clear();
  m_error.reset();
  m_busy = false;
  m_done = false;
  ++m_generation;
  m_open_request = true;
}

void ExportDialogState::Submit() {
  if (m_busy) return;
  m_passphrase_error.clear();
  m_error.reset();
  if (!passphrase.empty() && CharCount(passphrase) < kMinPassphraseChars) {
    m_passphrase_error = "must be at least " + std::to_string(kMinPassphraseChars) +
                         " characters, or empty to leave the secrets out";
    m_focus_passphrase = true;
    return;
  }
  ExportRequest request;
  request.passphrase = PassphraseOrNone(passphrase);
  m_busy = true;
  const unsigned generation = m_generation;
  m_api.ExportConnectors(request, [this, generation](Result<ExportedDocument> result) {
    if (generation != m_generation) return;
    m_busy = false;
    if (!result) {
      const Problem& p = result.problem();
      m_passphrase_error = ErrorOn(p, "passphrase");
      m_focus_passphrase = !m_passphrase_error.empty();
      if (m_passphrase_error.empty()) m_error = p;
      return;
    }
    const ExportedDocument& doc = *result;
    m_platform.SaveFile(ExportFileName(doc.exported_at), "application/json", doc.text);
    std::string count =
        std::to_string(doc.connectors) + (doc.connectors == 1 ? " connector" : " connectors");
    m_toasts.Show("Exported " + count + (doc.sealed ? ", secrets sealed" : ", secrets left out"));
    passphrase.clear();  // not kept in memory longer than needed
    m_done = true;
  });
}

// [SECTION] Import

void ImportDialogState::Open() {
  passphrase.clear();
  on_conflict = OnConflict::Fail;
  m_file_name.clear();
  m_document = nullptr;
  m_file_error.clear();
  m_passphrase_error.clear();
  m_error.reset();
  m_document_errors.clear();
  m_report.reset();
  m_busy = false;
  ++m_generation;
  m_open_request = true;
}

void ImportDialogState::ChooseFile() {
  const unsigned generation = m_generation;
  m_platform.ChooseFile(".json,application/json", [this, generation](ChosenFile file) {
    if (generation == m_generation) FileChosen(file);
  });
}

void ImportDialogState::FileChosen(const ChosenFile& file) {
  m_file_name = file.name;
  m_document = nullptr;
  m_file_error.clear();
  m_error.reset();
  m_document_errors.clear();
  m_report.reset();
  const std::string quoted = "“" + file.name + "”";
  if (file.size > static_cast<double>(kMaxImportBytes)) {
    m_file_error = quoted +
                   " is larger than the 1 MiB an import takes. Export the connectors in "
                   "several files instead.";
    return;
  }
  // Bounded nesting: a file of 5,000 nested arrays overflowed the stack (copies and dumps
  // recurse) and the dialog said nothing.
  ParsedJson parsed = parse_json(file.text);
  if (parsed.error == JsonParseError::TooDeep) {
    m_file_error = quoted + " is nested too deeply to be an export. Choose a file saved by Export.";
    return;
  }
  if (parsed.error != JsonParseError::None) {
    m_file_error = quoted + " is not a JSON file. Choose a file saved by Export.";
    return;
  }
  nlohmann::json document = std::move(parsed.value);
  if (!document.is_object() || !document.contains("connectors") ||
      !document["connectors"].is_array()) {
    m_file_error = quoted +
                   " is JSON but not a Data Hub export (it has no list of connectors). "
                   "Choose a file saved by Export.";
    return;
  }
  m_document = std::move(document);
}

void ImportDialogState::Submit() {
  if (m_busy) return;
  if (!HasDocument()) {
    if (m_file_error.empty()) m_file_error = "Choose an export file first.";
    return;
  }
  m_passphrase_error.clear();
  m_error.reset();
  m_document_errors.clear();
  m_report.reset();
  ImportRequest request{m_document, PassphraseOrNone(passphrase), on_conflict};
  m_busy = true;
  const unsigned generation = m_generation;
  m_api.ImportConnectors(request, [this, generation](Result<ImportReport> result) {
    if (generation != m_generation) return;
    m_busy = false;
    if (!result) return Refused(result.problem());
    m_report = std::move(result).value();
    m_imported = !m_report->created.empty() || !m_report->replaced.empty();
  });
}

void ImportDialogState::Refused(const Problem& problem) {
  m_passphrase_error = ErrorOn(problem, "passphrase");
  m_focus_passphrase = !m_passphrase_error.empty();
  // A refusal that is only about the passphrase is said under the field, not twice.
  const bool only_passphrase = !m_passphrase_error.empty() && problem.errors.size() == 1;
  if (!only_passphrase) m_error = problem;
  for (const FieldError& e : problem.errors)
    if (e.field != "passphrase" && !SaidByItsFields(e, problem.errors))
      m_document_errors.push_back(DocumentFieldText(e));
}

std::string ImportDialogState::EntryLabel(std::size_t index) const {
  std::string label = "Entry " + std::to_string(index);
  if (m_document.is_object() && m_document.contains("connectors")) {
    const nlohmann::json& entries = m_document["connectors"];
    if (index < entries.size() && entries[index].is_object()) {
      auto name = entries[index].find("name");
      if (name != entries[index].end() && name->is_string())
        label += " “" + name->get<std::string>() + "”";
    }
  }
  return label;
}

std::string ImportDialogState::FieldText(const FieldError& error) {
  if (error.field.empty()) return error.message;
  return FieldLabel(error.field) + " " + error.message;
}

// "document.connectors[3].auth.client_secret" reads "Entry 3 “ERP”: Client secret is required";
// the document's own fields read as the file's.
std::string ImportDialogState::DocumentFieldText(const FieldError& error) const {
  static const std::string kEntries = "document.connectors[";
  const std::string& f = error.field;
  if (f.rfind(kEntries, 0) == 0) {
    const std::size_t close = f.find(']', kEntries.size());
    if (close != std::string::npos) {
      const std::size_t index =
          static_cast<std::size_t>(std::strtoull(f.c_str() + kEntries.size(), nullptr, 10));
      std::string rest = close + 1 < f.size() && f[close + 1] == '.' ? f.substr(close + 2) : "";
      return EntryLabel(index) + ": " + FieldText({rest, error.message});
    }
  }
  if (f == "document") return "The file " + error.message;
  if (f.rfind("document.", 0) == 0) return "The file's “" + f.substr(9) + "” " + error.message;
  return FieldText(error);
}

}  // namespace datahub::web
