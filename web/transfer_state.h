// View state of the Data Hub's Export and Import dialogs (docs/UI.md, "Export and Import"):
// what was typed and chosen, the request in flight, and what came back; apart from drawing
// (transfer_dialogs.cpp) so tests can drive them without a screen.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_client.h"
#include "platform.h"
#include "toasts.h"

namespace datahub::web {

// A passphrase of fewer characters is refused (the API's rule; docs/API.md).
inline constexpr std::size_t kMinPassphraseChars = 12;
// The largest body the server takes (docs/API.md, "Limits").
inline constexpr std::size_t kMaxImportBytes = 1024 * 1024;

// The file name an export is saved as: "datahub-connectors-2026-12-06.json", dated by the
// document's exported_at (UTC).
std::string ExportFileName(const std::string& exported_at);

class ExportDialogState {
 public:
  ExportDialogState(ApiClient& api, Platform& platform, Toasts& toasts)
      : m_api(api), m_platform(platform), m_toasts(toasts) {}

  // Fresh (nothing typed, no error); the dialog opens on the next frame.
  void Open();
  bool TakeOpenRequest() { return std::exchange(m_open_request, false); }
  // Checks the passphrase, then asks the server; the document is downloaded when it comes.
  void Submit();
  bool Busy() const { return m_busy; }
  // Under the passphrase field: too short, or the server's word on it.
  const std::string& PassphraseError() const { return m_passphrase_error; }
  // True once after the passphrase was refused: the field takes the focus to be corrected.
  bool TakePassphraseFocus() { return std::exchange(m_focus_passphrase, false); }
  // Anything else the server said (503 busy, unreachable ...).
  const std::optional<Problem>& Error() const { return m_error; }
  // True once after the file was handed to the browser: the dialog closes.
  bool TakeDone() { return std::exchange(m_done, false); }

  std::string passphrase;

 private:
  ApiClient& m_api;
  Platform& m_platform;
  Toasts& m_toasts;
  bool m_open_request = false;
  bool m_busy = false;
  bool m_done = false;
  bool m_focus_passphrase = false;
  unsigned m_generation = 0;  // answers to a dialog closed and opened again are dropped
  std::string m_passphrase_error;
  std::optional<Problem> m_error;
};

class ImportDialogState {
 public:
  ImportDialogState(ApiClient& api, Platform& platform) : m_api(api), m_platform(platform) {}

  void Open();
  bool TakeOpenRequest() { return std::exchange(m_open_request, false); }
  // Opens the browser's file chooser; FileChosen gets what was picked.
  void ChooseFile();
  // Reads the file: not JSON, not an export or too large is said at once, nothing is sent.
  void FileChosen(const ChosenFile& file);
  void Submit();

  bool Busy() const { return m_busy; }
  bool HasDocument() const { return !m_document.is_null(); }
  const std::string& FileName() const { return m_file_name; }
  // The chosen file's problem (not JSON ...), or "choose a file first".
  const std::string& FileError() const { return m_file_error; }
  const std::string& PassphraseError() const { return m_passphrase_error; }
  bool TakePassphraseFocus() { return std::exchange(m_focus_passphrase, false); }
  // A refusal of the whole document (nothing was written): its title and detail, and its field
  // errors but the passphrase's, in a person's words (DocumentErrors).
  const std::optional<Problem>& Error() const { return m_error; }
  const std::vector<std::string>& DocumentErrors() const { return m_document_errors; }
  const std::optional<ImportReport>& Report() const { return m_report; }
  // "Entry 2 “ERP”": how the report names an entry of the document.
  std::string EntryLabel(std::size_t index) const;
  // A field error of an entry in a person's words ("Client secret is required").
  static std::string FieldText(const FieldError& error);
  // True once after an import wrote something: the list reloads.
  bool TakeImported() { return std::exchange(m_imported, false); }

  std::string passphrase;
  OnConflict on_conflict = OnConflict::Fail;

 private:
  void Refused(const Problem& problem);
  std::string DocumentFieldText(const FieldError& error) const;

  ApiClient& m_api;
  Platform& m_platform;
  bool m_open_request = false;
  bool m_busy = false;
  bool m_imported = false;
  bool m_focus_passphrase = false;
  unsigned m_generation = 0;
  std::string m_file_name;
  nlohmann::json m_document;  // null until a readable file is chosen
  std::string m_file_error;
  std::string m_passphrase_error;
  std::optional<Problem> m_error;
  std::vector<std::string> m_document_errors;
  std::optional<ImportReport> m_report;
};

}  // namespace datahub::web
