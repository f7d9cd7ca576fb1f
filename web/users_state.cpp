#include "users_state.h"

#include <utility>

namespace datahub::web {

Problem UserChangeProblem(Problem p) {
  if (p.type == ProblemType::LastAdmin)
    p.detail =
        "This is the last enabled administrator: the Data Hub needs one. Make another user "
        "an admin first.";
  if (p.status == 412)
    p.detail = "Someone else changed this user first. Close the dialog and open it again.";
  return p;
}

void UsersState::Open() {
  m_loading = true;
  const unsigned generation = ++m_generation;
  m_api.ListUsers([this, generation](Result<std::vector<UserDoc>> r) {
    if (generation != m_generation) return;
    m_loading = false;
    if (!r) return void(m_problem = r.problem());
    m_problem.reset();
    m_users = std::move(r).value();
  });
}

void UsersState::Close() {
  ++m_generation;
  m_users.clear();
  m_problem.reset();
  m_loading = false;
  CloseDialog();
}

void UsersState::StartAdd() {
  m_add.Clear();
  for (const char* f : {"username", "display_name", "password"}) m_add[f];
  m_add_role = Role::Viewer;
  m_adding = true;
}

void UsersState::SubmitAdd() {
  if (m_add.busy) return;
  m_add.problem.reset();
  m_add.errors.clear();
  if (auto e = username_error(m_add["username"])) m_add.errors["username"] = *e;
  if (auto e = display_name_error(m_add["display_name"])) m_add.errors["display_name"] = *e;
  if (auto e = password_error(m_add["password"])) m_add.errors["password"] = *e;
  if (!m_add.errors.empty()) return m_add.Invalid();
  m_add.busy = true;
  UserChange change{m_add["username"], m_add["display_name"], m_add_role, false, m_add["password"]};
  m_api.CreateUser(change, [this](Result<UserDoc> r) {
    if (!m_adding) return;
    if (!r) return m_add.Refused(UserChangeProblem(r.problem()));
    m_done = "User added";
    CloseDialog();
    Open();
  });
}

void UsersState::StartEdit(const UserDoc& user) {
  m_edit.Clear();
  m_edit["display_name"] = user.user.display_name;
  m_edit["password"];
  m_edit_role = user.user.role;
  m_edit_disabled = user.user.disabled;
  m_editing = user;
}

void UsersState::SubmitEdit() {
  if (m_edit.busy || !m_editing) return;
  m_edit.problem.reset();
  m_edit.errors.clear();
  if (auto e = display_name_error(m_edit["display_name"])) m_edit.errors["display_name"] = *e;
  const std::string& password = m_edit["password"];
  if (!password.empty())
    if (auto e = password_error(password)) m_edit.errors["password"] = *e;
  if (!m_edit.errors.empty()) return m_edit.Invalid();
  m_edit.busy = true;
  UserChange change{{}, m_edit["display_name"], m_edit_role, m_edit_disabled, std::nullopt};
  if (!password.empty()) change.password = password;
  m_api.UpdateUser(m_editing->user.id, m_editing->etag, change, [this](Result<UserDoc> r) {
    if (!m_editing) return;
    if (!r) return m_edit.Refused(UserChangeProblem(r.problem()));
    m_done = "User saved";
    CloseDialog();
    Open();
  });
}

void UsersState::CloseDialog() {
  m_adding = false;
  m_add.Clear();
  m_editing.reset();
  m_edit.Clear();
}

}  // namespace datahub::web
