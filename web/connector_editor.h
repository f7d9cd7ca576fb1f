// The connector being configured or managed: its form, the requests in flight and what they
// answered. One owner (the UI thread): answers arrive through the ApiClient's callbacks between
// frames. Drawing lives in screen_connector_new/manage.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api_client.h"
#include "connector_form_state.h"
#include "toasts.h"

namespace datahub::web {

enum class EditorMode { New, Manage };

class ConnectorEditor {
 public:
  ConnectorEditor(ApiClient& api, Toasts& toasts) : m_api(api), m_toasts(toasts) {}

  void StartNew();
  void Open(const std::string& id);  // GET, keeps the ETag
  void Reload();                     // the stored connector again (after a conflict)
  // Create or Save; refused (with every message shown) while a rule is broken.
  void Submit();
  void Test();
  void SetStatus(ConnectorStatus status);  // Activate / Disable
  void Delete();
  void LoadHistory();
  void EnsureHistory() {
    if (!m_history_requested) LoadHistory();
  }

  // Leaving with unsaved changes asks first: the screen shows the question while a leave is
  // pending, and the app goes to `PendingLeave()` once the user confirms.
  void RequestLeave(std::string hash) { m_pending_leave = std::move(hash); }
  void CancelLeave() { m_pending_leave.clear(); }
  const std::string& PendingLeave() const { return m_pending_leave; }

  ConnectorFormState& Form() { return m_form; }
  const ConnectorFormState& Form() const { return m_form; }
  EditorMode Mode() const { return m_mode; }
  // The connector as stored (Manage), once loaded.
  const std::optional<Connector>& Loaded() const { return m_loaded; }
  // The saved connector's health as the server last said it (re-read after each test).
  const ConnectorHealth& Health() const { return m_health; }
  bool Loading() const { return m_loading; }
  bool Busy() const { return m_busy; }  // a create, save or action is in flight
  bool Testing() const { return m_testing; }
  bool Dirty() const { return m_form.Dirty(); }
  bool CanSave() const { return m_mode == EditorMode::Manage && m_loaded && Dirty() && !m_busy; }
  // 412: someone else saved first.
  // Save failed on a stale version (412): the screen offers Reload.
  bool Conflict() const { return m_error && m_error->type == ProblemType::PreconditionFailed; }
  // A problem for the whole screen (load failed, backend unreachable, an action refused). A
  // refused create or save belongs to the settings it was made with: once the form changes it
  // is no longer shown (a conflict stays until Reload).
  const Problem* Error() const;
  // Each refused submit or test (by the form's own rules or by the server) counts: a screen
  // reader hears every refusal, the same one twice included.
  unsigned Refusals() const { return m_refusals; }
  // What the form's own rules refused last ("Not created"), while the form is as it was then;
  // nullptr otherwise. Its messages are under the fields.
  const char* RefusedByForm() const;
  // Counts the tests started: a result that comes again with the same words is said again.
  unsigned TestRuns() const { return m_test_runs; }
  const std::optional<TestResult>& LastTest() const { return m_test; }
  // A test that could not run; not shown once the form changed since.
  const Problem* TestError() const;
  // The last test result was made with other settings than the form now holds (Manage tests
  // the stored connector: with unsaved changes, the result is not about them either).
  bool TestOutdated() const { return m_test && TestBasisChanged(); }
  // The timeout the last test ran with (a step without an answer ran into it).
  int TestedTimeoutMs() const {
    return m_tested_json.is_object() ? m_tested_json.value("timeout_ms", 0) : 0;
  }
  const std::vector<HistoryEntry>& History() const { return m_history; }
  bool HistoryLoaded() const { return m_history_loaded; }
  const std::optional<Problem>& HistoryError() const { return m_history_error; }

  // One-shot outcomes for the app's navigation: the id of a connector just created; true once
  // after a delete.
  std::string TakeCreated() { return std::exchange(m_created_id, {}); }
  bool TakeDeleted() { return std::exchange(m_deleted, false); }

 private:
  void Clear(EditorMode mode, std::string id);
  void Create();
  void Save();
  void OnLoaded(const Result<ConnectorDoc>& result);
  // `status_only`: an action changed the status; what the user is editing stays.
  void OnSaved(const Result<ConnectorDoc>& result, const char* toast, bool status_only);
  void OnFailed(const Problem& problem);
  void RefuseByForm(const char* what);
  void Adopt(const ConnectorDoc& doc);
  void RefreshHealth();
  bool TestBasisChanged() const;
  // Wraps a callback so that it runs only while this editor still shows the same connector.
  template <class T, class F>
  ApiCallback<T> Guard(F f);

  ApiClient& m_api;
  Toasts& m_toasts;
  EditorMode m_mode = EditorMode::New;
  std::string m_id;
  ConnectorFormState m_form;
  std::optional<Connector> m_loaded;
  StoredCertificates m_certificates;  // what the server read in m_loaded's PEMs
  ConnectorHealth m_health;
  std::string m_etag;
  bool m_loading = false;
  bool m_busy = false;
  bool m_testing = false;
  std::optional<Problem> m_error;
  std::optional<nlohmann::json> m_error_json;  // the form a refused submit sent; nullopt: other
  unsigned m_refusals = 0;
  unsigned m_test_runs = 0;
  const char* m_form_refusal = nullptr;  // see RefusedByForm
  nlohmann::json m_form_refusal_json;    // the form it refused
  std::optional<TestResult> m_test;
  nlohmann::json m_tested_json;  // the settings the last test (or its error) was made with
  std::optional<Problem> m_test_error;
  std::vector<HistoryEntry> m_history;
  bool m_history_loaded = false;
  bool m_history_requested = false;
  std::optional<Problem> m_history_error;
  std::string m_pending_leave;
  std::string m_created_id;
  bool m_deleted = false;
  std::uint64_t m_generation = 0;  // bumped when another connector (or none) is shown
  std::shared_ptr<ConnectorEditor*> m_self = std::make_shared<ConnectorEditor*>(this);
};

}  // namespace datahub::web
