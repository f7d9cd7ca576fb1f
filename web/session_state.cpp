#include "session_state.h"

#include <utility>

#include "datahub/user.h"
#include "login.h"

namespace datahub::web {

void PeopleForm::Refused(const Problem& refusal, std::string_view fallback_field) {
  busy = false;
  errors.clear();
  problem.reset();
  bool unplaced = refusal.errors.empty();
  for (const FieldError& e : refusal.errors) {
    if (values.contains(e.field))
      errors[e.field] = e.message;
    else if (!fallback_field.empty() && !errors.contains(std::string(fallback_field)))
      errors[std::string(fallback_field)] = e.message;
    else
      unplaced = true;
  }
  // What no field can carry shows over the form.
  if (unplaced) problem = refusal;
  ++serial;
}

std::map<std::string, std::string> SetupFormErrors(PeopleForm& form) {
  std::map<std::string, std::string> errors;
  if (auto e = username_error(form["username"])) errors["username"] = *e;
  if (auto e = display_name_error(form["display_name"])) errors["display_name"] = *e;
  if (auto e = password_error(form["password"])) errors["password"] = *e;
  if (form["confirm"] != form["password"]) errors["confirm"] = "does not match the password";
  return errors;
}

void SessionState::Start(std::string_view landing) {
  if (TakeAddress(landing)) return;
  const unsigned generation = ++m_generation;
  m_api.GetSession([this, generation](Result<SessionInfo> r) {
    if (generation != m_generation) return;
    if (r) return SignedInAs(r.value());
    // 401: nobody signed in. Anything else (backend unreachable) shows over the form too.
    ShowSignIn(r.problem().status == 401 ? "" : r.problem().detail);
  });
}

bool SessionState::TakeAddress(std::string_view landing) {
  const std::string hash = m_platform.Hash();
  std::string token = TokenFromHash(hash);
  std::string code = SetupCodeFromHash(hash);
  std::string sso_error = SsoErrorFromHash(hash);
  if (token.empty() && code.empty() && sso_error.empty()) return false;
  m_platform.SetHash(landing, /*replace=*/true);
  if (!token.empty()) {
    ExchangeToken(token);
  } else if (!code.empty()) {
    ++m_generation;
    const bool was_signed_in = SignedIn();
    m_setup.Clear();
    m_setup["code"] = code;
    for (const char* f : {"username", "display_name", "password", "confirm"}) m_setup[f];
    m_phase = SessionPhase::Setup;
    m_changed = was_signed_in;
  } else {
    ShowSignIn(SsoErrorText(sso_error));
  }
  return true;
}

void SessionState::ExchangeToken(const std::string& token) {
  const unsigned generation = ++m_generation;
  if (SignedIn()) m_changed = true;
  m_phase = SessionPhase::Checking;
  m_api.SignInWithToken(token, [this, generation](Result<SessionInfo> r) {
    if (generation != m_generation) return;
    if (r) return SignedInAs(r.value());
    ShowSignIn(r.problem().status == 401 || r.problem().status == 403
                   ? "The sign-in link's token was not accepted. Sign in with your username."
                   : r.problem().detail);
  });
}

void SessionState::SubmitSignIn() {
  PeopleForm& f = m_sign_in;
  if (f.busy) return;
  f.errors.clear();
  f.problem.reset();
  if (f["username"].empty()) f.errors["username"] = "is required";
  if (f["password"].empty()) f.errors["password"] = "is required";
  if (!f.errors.empty()) return f.Invalid();
  f.busy = true;
  m_notice.clear();
  const unsigned generation = ++m_generation;
  m_api.SignIn(f["username"], f["password"], [this, generation](Result<SessionInfo> r) {
    if (generation != m_generation) return;
    if (r) return SignedInAs(r.value());
    m_sign_in["password"].clear();  // typed again after a refusal; never kept longer than needed
    m_sign_in.Refused(r.problem());
    // The password is what to type again (it was cleared); without a username, that first.
    if (m_sign_in["username"].empty())
      m_sign_in.focus_first = true;
    else
      m_sign_in.focus_field = "password";
  });
}

void SessionState::SubmitSetup() {
  PeopleForm& f = m_setup;
  if (f.busy) return;
  f.problem.reset();
  f.errors = SetupFormErrors(f);
  if (!f.errors.empty()) return f.Invalid();
  f.busy = true;
  SetupRequest request{f["code"], f["username"], f["display_name"], f["password"]};
  const unsigned generation = ++m_generation;
  m_api.Setup(request, [this, generation](Result<SessionInfo> r) {
    if (generation != m_generation) return;
    if (r) return SignedInAs(r.value());
    Problem p = r.problem();
    if (p.status == 403)
      p.detail =
          "This setup link was already used or has expired. Restart the server with an "
          "empty data directory for a new one, or sign in.";
    if (p.status == 409)
      p.detail = "The first administrator already exists. Sign in with that account.";
    m_setup.Refused(p, "username");
  });
}

void SessionState::SignOut() {
  m_api.SignOut([](Result<Done>) {});  // the cookie is cleared by the answer; nothing to wait for
  ShowSignIn("You have signed out.");
}

void SessionState::SessionEnded() {
  if (!SignedIn()) return;
  ShowSignIn("Your session has ended. Sign in again to go on.");
}

void SessionState::SignedInAs(const SessionInfo& info) {
  m_user = info.user;
  m_api.SetCsrfToken(info.csrf_token);
  m_sign_in.Clear();
  m_setup.Clear();
  m_notice.clear();
  m_phase = SessionPhase::SignedIn;
  m_changed = true;
}

void SessionState::ShowSignIn(std::string notice) {
  ++m_generation;
  if (SignedIn()) m_changed = true;
  m_user = User{};
  m_api.SetCsrfToken("");
  m_sign_in.Clear();
  m_notice = std::move(notice);
  m_phase = SessionPhase::SignIn;
  m_api.SsoOffered([this](Result<bool> r) {
    if (m_phase == SessionPhase::SignIn && r) m_sso = r.value();
  });
}

}  // namespace datahub::web
