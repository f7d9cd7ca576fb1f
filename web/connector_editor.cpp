#include "connector_editor.h"

#include "datahub/secret_fields.h"
#include "history_labels.h"

namespace datahub::web {
namespace {

bool HasStoredSecret(const Connector& c) {
  bool any = false;
  for_each_secret(c, [&any](const std::string&, const WriteOnly& w) { any = any || w.is_set; });
  return any;
}

}  // namespace

template <class T, class F>
ApiCallback<T> ConnectorEditor::Guard(F f) {
  std::weak_ptr<ConnectorEditor*> weak = m_self;
  return [weak, generation = m_generation, f = std::move(f)](Result<T> result) {
    auto self = weak.lock();
    if (!self || (*self)->m_generation != generation) return;  // another screen by now
    f(**self, result);
  };
}

void ConnectorEditor::Clear(EditorMode mode, std::string id) {
  ++m_generation;
  m_mode = mode;
  m_id = std::move(id);
  m_form.Reset(ConnectorForm{});
  m_loaded.reset();
  m_certificates = {};
  m_etag.clear();
  m_loading = m_busy = m_testing = false;
  m_error.reset();
  m_error_json.reset();
  m_test.reset();
  m_test_error.reset();
  m_tested_json = nullptr;
  m_history.clear();
  m_history_loaded = m_history_requested = false;
  m_history_error.reset();
  m_pending_leave.clear();
}

void ConnectorEditor::StartNew() {
  Clear(EditorMode::New, "");
  m_form.FocusField("name");  // a form opens with focus in its first field
}

void ConnectorEditor::Open(const std::string& id) {
  Clear(EditorMode::Manage, id);
  Reload();
}

void ConnectorEditor::Reload() {
  m_loading = true;
  m_api.GetConnector(m_id,
                     Guard<ConnectorDoc>(
                         [](ConnectorEditor& e, const Result<ConnectorDoc>& r) { e.OnLoaded(r); }));
}

const char* ConnectorEditor::RefusedByForm() const {
  return m_form_refusal && m_form_refusal_json == m_form.Json() ? m_form_refusal : nullptr;
}

void ConnectorEditor::RefuseByForm(const char* what) {
  ++m_refusals;
  m_form_refusal = what;
  m_form_refusal_json = m_form.Json();
}

const Problem* ConnectorEditor::Error() const {
  if (!m_error) return nullptr;
  if (m_error->type != ProblemType::PreconditionFailed && m_error_json &&
      *m_error_json != m_form.Json())
    return nullptr;
  return &*m_error;
}

bool ConnectorEditor::TestBasisChanged() const {
  if (m_mode == EditorMode::New) return m_form.Json() != m_tested_json;
  return m_form.BaselineJson() != m_tested_json || m_form.Dirty();
}

const Problem* ConnectorEditor::TestError() const {
  if (!m_test_error) return nullptr;
  // A saved connector's test failing (unreachable, gone) does not depend on unsaved edits.
  const nlohmann::json& basis = m_mode == EditorMode::New ? m_form.Json() : m_form.BaselineJson();
  return basis == m_tested_json ? &*m_test_error : nullptr;
}

void ConnectorEditor::OnLoaded(const Result<ConnectorDoc>& result) {
  m_loading = false;
  if (!result) {
    m_error = result.problem();
    m_error_json.reset();
    return;
  }
  m_error.reset();
  Adopt(result.value());
  m_form.Reset(FormFromConnector(*m_loaded), &*m_loaded, m_certificates);
  m_form.FocusField("name");
  // The form dates each stored secret from the history ("stored · changed <date>").
  if (m_history_loaded || HasStoredSecret(*m_loaded)) LoadHistory();
}

void ConnectorEditor::Adopt(const ConnectorDoc& doc) {
  m_loaded = doc.connector;
  m_certificates = doc.certificates;
  m_etag = doc.etag;
  m_health = doc.health;
}

void ConnectorEditor::Submit() {
  if (m_busy || m_loading) return;
  m_form.ShowAllErrors();
  if (!m_form.Valid()) return RefuseByForm(m_mode == EditorMode::New ? "Not created" : "Not saved");
  if (m_mode == EditorMode::New)
    Create();
  else if (CanSave())
    Save();
}

void ConnectorEditor::Create() {
  m_busy = true;
  m_api.CreateConnector(m_form.Current(),
                        Guard<ConnectorDoc>([](ConnectorEditor& e, const Result<ConnectorDoc>& r) {
                          e.m_busy = false;
                          if (!r) return e.OnFailed(r.problem());
                          e.m_form.Reset(e.m_form.Form());  // nothing unsaved any more
                          e.m_created_id = r->connector.id;
                          e.m_toasts.Show("Connector created");
                        }));
}

void ConnectorEditor::Save() {
  m_busy = true;
  m_api.UpdateConnector(m_id, m_etag, m_form.Current(),
                        Guard<ConnectorDoc>([](ConnectorEditor& e, const Result<ConnectorDoc>& r) {
                          e.OnSaved(r, "Connector saved", false);
                        }));
}

void ConnectorEditor::OnSaved(const Result<ConnectorDoc>& result, const char* toast,
                              bool status_only) {
  m_busy = false;
  if (!result) return OnFailed(result.problem());
  m_error.reset();
  Adopt(result.value());
  // What the server stored is the new "unchanged"; typed secrets are stored now, so the form
  // starts over from the answer (secrets read "stored — type to replace" again).
  ConnectorForm kept = m_form.Form();
  m_form.Reset(FormFromConnector(*m_loaded), &*m_loaded, m_certificates);
  if (status_only) {
    // An action changed the status only: keep what the user is still editing.
    kept.status = m_loaded->status;
    m_form.Form() = kept;
    m_form.Edited("status");
  }
  m_toasts.Show(toast);
  if (m_history_loaded) LoadHistory();
}

void ConnectorEditor::OnFailed(const Problem& problem) {
  ++m_refusals;
  m_form_refusal = nullptr;
  m_form.SetServerErrors(problem.errors);
  m_form.ShowAllErrors();
  m_error = problem;
  m_error_json = m_form.Json();
  if (problem.status == 0)
    m_toasts.Show("The Data Hub backend cannot be reached", ToastKind::Error);
}

// The test just changed the saved connector's health: only that is taken from the answer, so
// nothing the user is editing (nor the version being edited) moves under them.
void ConnectorEditor::RefreshHealth() {
  if (m_mode != EditorMode::Manage) return;
  m_api.GetConnector(m_id,
                     Guard<ConnectorDoc>([](ConnectorEditor& e, const Result<ConnectorDoc>& r) {
                       if (r) e.m_health = r->health;
                     }));
}

void ConnectorEditor::Test() {
  if (m_testing) return;
  m_test.reset();
  m_test_error.reset();
  // The create form's test sends the form: a broken rule is shown under its field instead of
  // coming back as "2 fields are not valid".
  if (m_mode == EditorMode::New) {
    m_form.ShowAllErrors();
    if (!m_form.Valid()) return RefuseByForm("Not tested");
  }
  m_testing = true;
  ++m_test_runs;
  m_tested_json = m_mode == EditorMode::New ? m_form.Json() : m_form.BaselineJson();
  auto done = Guard<TestResult>([](ConnectorEditor& e, const Result<TestResult>& r) {
    e.m_testing = false;
    if (r) {
      e.m_test = r.value();
      e.RefreshHealth();
    } else {
      e.m_test_error = r.problem();
      if (e.m_tested_json == e.m_form.Json()) {
        e.m_form.SetServerErrors(r.problem().errors);  // under their fields
        e.m_form.ShowAllErrors();
      }
    }
  });
  // A saved connector is tested with its stored secrets; the form's unsaved one with what it
  // holds (the create form's "Test connection").
  if (m_mode == EditorMode::Manage)
    m_api.TestConnector(m_id, std::move(done));
  else
    m_api.TestUnsavedConnector(m_form.Current(), std::move(done));
}

void ConnectorEditor::SetStatus(ConnectorStatus status) {
  if (m_busy || !m_loaded) return;
  m_busy = true;
  const char* toast =
      status == ConnectorStatus::Active ? "Connector activated" : "Connector disabled";
  m_api.SetConnectorStatus(
      m_id, status, Guard<ConnectorDoc>([toast](ConnectorEditor& e, const Result<ConnectorDoc>& r) {
        e.OnSaved(r, toast, true);
      }));
}

void ConnectorEditor::Delete() {
  if (m_busy) return;
  m_busy = true;
  m_api.DeleteConnector(m_id, Guard<Done>([](ConnectorEditor& e, const Result<Done>& r) {
                          e.m_busy = false;
                          if (!r) return e.OnFailed(r.problem());
                          e.m_form.Reset(ConnectorForm{});
                          e.m_deleted = true;
                          e.m_toasts.Show("Connector deleted");
                        }));
}

void ConnectorEditor::LoadHistory() {
  if (m_mode != EditorMode::Manage) return;
  m_history_requested = true;
  m_api.ConnectorHistory(m_id,
                         Guard<std::vector<HistoryEntry>>(
                             [](ConnectorEditor& e, const Result<std::vector<HistoryEntry>>& r) {
                               e.m_history_loaded = true;
                               if (r) {
                                 e.m_history = r.value();
                                 // Once here, not on every frame the History tab is drawn.
                                 for (auto& entry : e.m_history) SortInFormOrder(entry.changes);
                                 NameHeaderChanges(e.m_history);
                                 e.m_form.SetSecretTimes(SecretChangeTimes(e.m_history));
                                 e.m_history_error.reset();
                               } else {
                                 e.m_history_error = r.problem();
                               }
                             }));
}

}  // namespace datahub::web
