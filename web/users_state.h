// The Users screen's state (admin; docs/UI.md, "Users"): the list, the Add user dialog and the
// Edit user dialog (display name, role, disabled, a new password), apart from drawing so tests
// drive it headless.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api_people.h"
#include "session_state.h"

namespace datahub::web {

class UsersState {
 public:
  explicit UsersState(PeopleApi& api) : m_api(api) {}

  void Open();   // loads the list
  void Close();  // forgets the list and any dialog (signed out)
  bool Settled() const { return !m_loading; }
  const std::vector<UserDoc>& Users() const { return m_users; }
  const std::optional<Problem>& ListProblem() const { return m_problem; }

  // Add user: fields username, display_name, password; the role apart.
  void StartAdd();
  bool Adding() const { return m_adding; }
  PeopleForm& AddForm() { return m_add; }
  Role& AddRole() { return m_add_role; }
  void SubmitAdd();

  // Edit user: display_name and password (empty: unchanged); the role and disabled apart.
  void StartEdit(const UserDoc& user);
  bool Editing() const { return m_editing.has_value(); }
  const UserDoc& Edited() const { return *m_editing; }
  PeopleForm& EditForm() { return m_edit; }
  Role& EditRole() { return m_edit_role; }
  bool& EditDisabled() { return m_edit_disabled; }
  void SubmitEdit();

  void CloseDialog();
  // A toast's words after a change ("User added"), once.
  std::string TakeDone() { return std::exchange(m_done, {}); }

 private:
  PeopleApi& m_api;
  std::vector<UserDoc> m_users;
  std::optional<Problem> m_problem;
  bool m_loading = false;
  unsigned m_generation = 0;
  bool m_adding = false;
  PeopleForm m_add;
  Role m_add_role = Role::Viewer;
  std::optional<UserDoc> m_editing;
  PeopleForm m_edit;
  Role m_edit_role = Role::Viewer;
  bool m_edit_disabled = false;
  std::string m_done;
};

// The person's words for a refusal of a user change: "last-admin" and a conflict said plainly.
Problem UserChangeProblem(Problem problem);

}  // namespace datahub::web
