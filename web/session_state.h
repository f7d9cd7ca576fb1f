// Who is signed in, and the way there (docs/UI.md, "Sign in"): on load the app asks the server
// (GET /api/session); a "#token=" link is exchanged for a session; "#setup=" opens the first
// administrator's form; otherwise the Sign in form. Nothing secret is kept in the browser's
// storage: the session is an HttpOnly cookie, the CSRF token lives here, in memory.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "api_people.h"
#include "platform.h"

namespace datahub::web {

enum class SessionPhase {
  Checking,  // waiting for the server to say who is signed in (or for a token's exchange)
  SignIn,
  Setup,  // "Create the first administrator"
  SignedIn,
};

// A form's fields and the messages under them, by field name ("username", "password", ...).
struct PeopleForm {
  std::map<std::string, std::string> values;
  std::map<std::string, std::string> errors;
  std::optional<Problem> problem;  // a refusal of the whole form, as a banner
  unsigned serial = 0;             // a new refusal is said again
  bool busy = false;
  bool focus_first = true;  // the first field takes the focus when the form shows
  std::string focus_field;  // this field takes the focus at its next drawing (then cleared)
  // The first field drawn with an error takes the focus (then cleared): after Enter, typing
  // goes on where the form needs it.
  bool focus_first_error = false;
  // A refusal by the form's own rules (errors already set): said again, the first one focused.
  void Invalid() {
    ++serial;
    focus_first_error = true;
  }
  std::string& operator[](const std::string& name) { return values[name]; }
  // The server's field errors under their fields; the rest as a banner.
  void Refused(const Problem& problem, std::string_view fallback_field = "");
  void Clear() { *this = PeopleForm{}; }
};

class SessionState {
 public:
  SessionState(PeopleApi& api, Platform& platform) : m_api(api), m_platform(platform) {}

  // Reads the address and starts finding out who is signed in. A "#token=" or "#setup=" address
  // is replaced by `landing` (neither stays in the address bar nor in back/forward).
  void Start(std::string_view landing);
  // A pasted "#token=" or "#setup=" address while the app runs. True when it was one.
  bool TakeAddress(std::string_view landing);

  SessionPhase Phase() const { return m_phase; }
  bool SignedIn() const { return m_phase == SessionPhase::SignedIn; }
  const User& CurrentUser() const { return m_user; }
  Role CurrentRole() const { return m_user.role; }
  // The phase moved to or from SignedIn since the last call.
  bool TakeChanged() { return std::exchange(m_changed, false); }

  PeopleForm& SignInForm() { return m_sign_in; }
  PeopleForm& SetupForm() { return m_setup; }
  bool SsoOffered() const { return m_sso; }
  // A line over the Sign in form: why it shows ("Your session has ended…", "Signed out.").
  const std::string& Notice() const { return m_notice; }

  void SubmitSignIn();
  void SubmitSetup();
  void StartSso() { m_platform.GoToPage("/api/session/sso"); }
  void SignOut();
  // Another call was answered 401: back to Sign in, keeping nothing of the session.
  void SessionEnded();

 private:
  void SignedInAs(const SessionInfo& info);
  void ShowSignIn(std::string notice);
  void ExchangeToken(const std::string& token);

  PeopleApi& m_api;
  Platform& m_platform;
  SessionPhase m_phase = SessionPhase::Checking;
  User m_user;
  bool m_changed = false;
  bool m_sso = false;
  std::string m_notice;
  PeopleForm m_sign_in;
  PeopleForm m_setup;
  unsigned m_generation = 0;  // answers to an older sign-in attempt are dropped
};

// The first administrator's form judged before sending: every broken field, in the shared
// rules' words under their captions ("Password must be at least 12 characters").
std::map<std::string, std::string> SetupFormErrors(PeopleForm& form);

}  // namespace datahub::web
