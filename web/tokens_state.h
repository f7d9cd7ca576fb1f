// The API tokens screen's state (docs/UI.md, "API tokens"): the list with last use, the create
// dialog (name, a role up to one's own, optional connectors and expiry), the new token shown
// once, and revoking with a confirmation. Apart from drawing so tests drive it headless.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api_people.h"
#include "session_state.h"

namespace datahub::web {

class TokensState {
 public:
  explicit TokensState(PeopleApi& api) : m_api(api) {}

  void Open(Role own_role);  // loads the list; new tokens may have a role up to `own_role`
  void Close();              // forgets the list, any dialog and a token on show
  bool Settled() const { return !m_loading; }
  const std::vector<ApiToken>& Tokens() const { return m_tokens; }
  const std::optional<Problem>& ListProblem() const { return m_problem; }
  Role OwnRole() const { return m_own_role; }

  // Create: fields name, connector_ids (comma-separated, empty: every connector), expires_on
  // (YYYY-MM-DD, empty: never); the role apart.
  void StartCreate();
  bool Creating() const { return m_creating; }
  PeopleForm& CreateForm() { return m_create; }
  Role& CreateRole() { return m_create_role; }
  void SubmitCreate();
  // The token just created, shown once: its secret lives only here, until the dialog closes.
  const std::optional<CreatedToken>& Created() const { return m_created; }

  void AskRevoke(const ApiToken& token) { m_revoking = token; }
  const std::optional<ApiToken>& Revoking() const { return m_revoking; }
  void ConfirmRevoke();

  void CloseDialog();
  std::string TakeDone() { return std::exchange(m_done, {}); }

 private:
  PeopleApi& m_api;
  Role m_own_role = Role::Viewer;
  std::vector<ApiToken> m_tokens;
  std::optional<Problem> m_problem;
  bool m_loading = false;
  unsigned m_generation = 0;
  bool m_creating = false;
  PeopleForm m_create;
  Role m_create_role = Role::Viewer;
  std::optional<CreatedToken> m_created;
  std::optional<ApiToken> m_revoking;
  std::string m_done;
};

// "c_1, c_2" -> {"c_1", "c_2"}; empty -> nullopt (every connector).
std::optional<std::vector<std::string>> ConnectorIdsFromText(const std::string& text);
// "2027-01-31" -> "2027-01-31T23:59:59Z" (the end of that day, UTC); empty -> nullopt; anything
// else -> an error message.
Result<std::optional<std::string>> ExpiryFromDate(const std::string& date);

}  // namespace datahub::web
