// The routes of OIDC sign-in (docs/API.md, "OIDC sign-in"): whether it is offered, the trip to
// the IdP, and the way back. The last two are browser navigations: they answer with redirects,
// failures as /#sso_error=<code> for the web front end and a log line saying why.
#include <spdlog/spdlog.h>

#include "http_app.h"
#include "http_io.h"
#include "identity/session_cookie.h"
#include "request_log.h"

namespace datahub::backend {
namespace {

void redirect(httplib::Response& res, const std::string& location) {
  res.status = 302;
  res.set_header("Location", location);
  res.set_header("Cache-Control", "no-store");
}

Problem not_configured() {
  return make_problem(ProblemType::NotFound, "OIDC sign-in is not configured on this server.");
}

// The short code of a refused sign-in for the browser, the reason for the log.
void refuse(httplib::Response& res, const std::string& code, const std::string& why) {
  spdlog::warn("OIDC sign-in refused ({}): {}", code, log_safe(why));
  redirect(res, "/#sso_error=" + code);
}

std::string sso_code_of(const Problem& p) {
  switch (p.type) {
    case ProblemType::NameTaken:
      return "username_taken";
    case ProblemType::Unauthorized:
      return "user_disabled";
    default:
      return "server_error";
  }
}

}  // namespace

void HttpApp::register_sso_routes() {
  route("GET", "/api/session/options", [this](const httplib::Request&, httplib::Response& res) {
    write_json(res, 200, {{"sso", m_oidc != nullptr && m_identity != nullptr}});
  });

  route("GET", "/api/session/sso", [this](const httplib::Request&, httplib::Response& res) {
    if (!m_oidc || !m_identity) return write_problem(res, not_configured());
    auto started = m_oidc->begin();
    if (!started) return refuse(res, "idp_unreachable", started.problem().detail);
    res.set_header("Set-Cookie", set_sso_state_cookie(started->second, m_secure_cookies));
    redirect(res, started->first);
  });

  route("GET", "/api/session/sso/callback",
        [this](const httplib::Request& req, httplib::Response& res) {
          if (!m_oidc || !m_identity) return write_problem(res, not_configured());
          res.set_header("Set-Cookie", clear_sso_state_cookie(m_secure_cookies));
          const std::string state = req.get_param_value("state");
          const auto bound = cookie_from(req.get_header_value("Cookie"), kSsoStateCookie);
          if (state.empty() || !bound || *bound != state) {
            if (!state.empty()) m_oidc->forget(state);
            return refuse(res, "invalid_state",
                          "the state is missing or not the one this browser was sent with");
          }
          if (req.has_param("error")) {
            m_oidc->forget(state);
            return refuse(res, "idp_error",
                          "the IdP answered error=" + req.get_param_value("error").substr(0, 64));
          }
          auto outcome = m_oidc->finish(req.get_param_value("code"), state);
          if (!outcome.identity) return refuse(res, outcome.failure.code, outcome.failure.why);
          const auto& who = *outcome.identity;
          auto in = m_identity->sign_in_external(
              {who.subject_key, who.username, who.display_name, who.role});
          if (!in) return refuse(res, sso_code_of(in.problem()), in.problem().detail);
          spdlog::info("OIDC sign-in: {} as {}", log_safe(in->caller.user.username),
                       role_name(in->caller.role));
          res.set_header("Set-Cookie", set_session_cookie(in->session_id, m_secure_cookies));
          redirect(res, "/");
        });
}

}  // namespace datahub::backend
