// The routes of people and sessions (docs/API.md, "People and access"): first start, sign-in,
// sign-out, one's own password, and the users (admin).
#include "datahub/etag.h"
#include "http_app.h"
#include "http_io.h"
#include "identity/session_cookie.h"

namespace datahub::backend {
namespace {

Problem no_identity() {
  return make_problem(ProblemType::NotFound, "This server has no user accounts.");
}

// The admin token signed in as if it were a user, for GET /api/session.
nlohmann::json admin_token_user() {
  return {{"id", "admin-token"},
          {"username", "admin-token"},
          {"display_name", "Admin token"},
          {"role", "admin"},
          {"disabled", false},
          {"created_at", nullptr},
          {"last_login_at", nullptr},
          {"version", 1}};
}

// Who a caller is, as GET /api/session names it: an API token is its owner, with the token's
// role and a "token" member naming it.
nlohmann::json caller_user_json(const Caller& who) {
  switch (who.kind) {
    case Caller::Kind::AdminToken:
      return admin_token_user();
    case Caller::Kind::User:
      return to_json(who.user);
    case Caller::Kind::ApiToken:
      break;
  }
  nlohmann::json user = to_json(who.user);
  user["role"] = std::string(role_name(who.role));
  user["token"] = {{"id", who.token_id}, {"name", who.token_name}};
  return user;
}

nlohmann::json session_json(const Caller& who) {
  const std::string& csrf = who.csrf_token;
  return {{"user", caller_user_json(who)},
          {"csrf_token", csrf.empty() ? nlohmann::json() : nlohmann::json(csrf)}};
}

// A wrong JSON type is a 400 (the caller's program is broken), a missing member a 422.
std::optional<Problem> sign_in_body_problem(const nlohmann::json& body) {
  if (!body.is_object())
    return make_problem(ProblemType::BadRequest, "The body must be a JSON object.");
  std::vector<FieldError> wrong_type, missing;
  for (const char* name : {"username", "password"}) {
    const auto it = body.find(name);
    if (it == body.end() || it->is_null())
      missing.push_back({name, "is required"});
    else if (!it->is_string())
      wrong_type.push_back({name, "must be a string"});
  }
  if (!wrong_type.empty())
    return make_problem(ProblemType::BadRequest, "A member has the wrong JSON type.",
                        std::move(wrong_type));
  if (!missing.empty())
    return make_problem(ProblemType::Validation, "Send a username and a password.",
                        std::move(missing));
  return std::nullopt;
}

void answer_user(httplib::Response& res, const Result<User>& user, int status = 200) {
  if (!user) return write_problem(res, user.problem());
  res.set_header("ETag", etag_for(user->version));
  write_json(res, status, to_json(user.value()));
}

}  // namespace

std::string HttpApp::client_address(const httplib::Request& req) const {
  if (m_trusted_proxies.empty()) return req.remote_addr;
  std::string forwarded;  // several header lines are one list
  const auto [first, last] = req.headers.equal_range("X-Forwarded-For");
  for (auto it = first; it != last; ++it) forwarded += (forwarded.empty() ? "" : ",") + it->second;
  return m_trusted_proxies.client_address(req.remote_addr, forwarded);
}

void HttpApp::register_identity_routes() {
  // Answers a new session: the cookie, and the user with the CSRF token.
  auto signed_in = [this](httplib::Response& res, const Result<SignedIn>& in, int status) {
    if (!in) return write_problem(res, in.problem());
    res.set_header("Set-Cookie", set_session_cookie(in->session_id, m_secure_cookies));
    res.set_header("Cache-Control", "no-store");
    write_json(res, status, session_json(in->caller));
  };

  route("POST", "/api/setup",
        [this, signed_in](const httplib::Request& req, httplib::Response& res) {
          if (!m_identity) return write_problem(res, no_identity());
          auto body = read_json_body(req);
          if (!body) return write_problem(res, body.problem());
          signed_in(res, m_identity->setup(body.value()), 201);
        });

  route("POST", "/api/session",
        [this, signed_in](const httplib::Request& req, httplib::Response& res) {
          if (!m_identity) return write_problem(res, no_identity());
          auto body = read_json_body(req);
          if (!body) return write_problem(res, body.problem());
          const auto& b = body.value();
          if (b.is_object() && b.contains("token")) {
            if (!b["token"].is_string())
              return write_problem(
                  res, make_problem(ProblemType::BadRequest, "\"token\" must be a string."));
            return signed_in(res,
                             m_identity->sign_in_with_token(
                                 b["token"].get<std::string>(), client_address(req),
                                 [this](std::string_view t) { return m_auth.check_token(t); }),
                             200);
          }
          if (auto refused = sign_in_body_problem(b)) return write_problem(res, *refused);
          signed_in(res,
                    m_identity->sign_in(b["username"].get<std::string>(),
                                        b["password"].get<std::string>(), client_address(req)),
                    200);
        });

  route("GET", "/api/session", [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "no-store");
    write_json(res, 200, session_json(caller()));
  });

  route("DELETE", "/api/session", [this](const httplib::Request&, httplib::Response& res) {
    if (m_identity) {
      if (auto out = m_identity->sign_out(caller()); !out) return write_problem(res, out.problem());
    }
    res.set_header("Set-Cookie", clear_session_cookie(m_secure_cookies));
    res.status = 204;
  });

  route("POST", "/api/session/password",
        [this](const httplib::Request& req, httplib::Response& res) {
          if (!m_identity) return write_problem(res, no_identity());
          auto body = read_json_body(req);
          if (!body) return write_problem(res, body.problem());
          auto changed = m_identity->change_password(caller(), body.value());
          if (!changed) return write_problem(res, changed.problem());
          res.status = 204;
        });
}

void HttpApp::register_user_routes() {
  route("GET", "/api/users", [this](const httplib::Request&, httplib::Response& res) {
    if (!m_identity) return write_problem(res, no_identity());
    auto users = m_identity->list_users();
    if (!users) return write_problem(res, users.problem());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& u : users.value()) items.push_back(to_json(u));
    write_json(res, 200, {{"items", items}});
  });

  route("POST", "/api/users", [this](const httplib::Request& req, httplib::Response& res) {
    if (!m_identity) return write_problem(res, no_identity());
    auto body = read_json_body(req);
    if (!body) return write_problem(res, body.problem());
    auto created = m_identity->create_user(body.value());
    if (created) res.set_header("Location", "/api/users/" + created->id);
    answer_user(res, created, 201);
  });

  route("GET", "/api/users/{id}", [this](const httplib::Request& req, httplib::Response& res) {
    if (!m_identity) return write_problem(res, no_identity());
    answer_user(res, m_identity->get_user(req.matches[1].str()));
  });

  route("PUT", "/api/users/{id}", [this](const httplib::Request& req, httplib::Response& res) {
    if (!m_identity) return write_problem(res, no_identity());
    auto body = read_json_body(req);
    if (!body) return write_problem(res, body.problem());
    answer_user(res, m_identity->replace_user(caller(), req.matches[1].str(), body.value(),
                                              read_if_match(req)));
  });

  route("DELETE", "/api/users/{id}", [this](const httplib::Request& req, httplib::Response& res) {
    if (!m_identity) return write_problem(res, no_identity());
    auto removed = m_identity->remove_user(req.matches[1].str(), read_if_match(req));
    if (!removed) return write_problem(res, removed.problem());
    res.status = 204;
  });
}

}  // namespace datahub::backend
