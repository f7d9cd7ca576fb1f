// The API token routes (docs/API.md, "API tokens"): create (the token shown once), list, revoke.
#include "http_app.h"
#include "http_io.h"

namespace datahub::backend {
namespace {

Problem no_identity() {
  return make_problem(ProblemType::NotFound, "This server has no user accounts.");
}

// The creator's name, as the token's owner is listed.
std::string owner_name(const Caller& who) {
  return who.kind == Caller::Kind::AdminToken ? std::string(kAdminTokenOwner) : who.user.username;
}

}  // namespace

void HttpApp::register_token_routes() {
  route("POST", "/api/tokens", [this](const httplib::Request& req, httplib::Response& res) {
    if (!m_identity) return write_problem(res, no_identity());
    auto body = read_json_body(req);
    if (!body) return write_problem(res, body.problem());
    // Any signed-in user may read every connector, so saying which ids exist tells nothing new.
    // Only a clear "not found" refuses an id: a store that cannot answer is not a verdict.
    auto exists = [this](std::string_view id) {
      auto found = m_service.get(id);
      return found.ok() || found.problem().type != ProblemType::NotFound;
    };
    auto created = m_identity->tokens().create(caller(), body.value(), exists);
    if (!created) return write_problem(res, created.problem());
    nlohmann::json out = to_json(TokenView{created->token, owner_name(caller())});
    out["token"] = created->secret;  // the only time it is told
    res.set_header("Location", "/api/tokens/" + created->token.id);
    res.set_header("Cache-Control", "no-store");
    write_json(res, 201, out);
  });

  route("GET", "/api/tokens", [this](const httplib::Request&, httplib::Response& res) {
    if (!m_identity) return write_problem(res, no_identity());
    auto tokens = m_identity->tokens().list(caller());
    if (!tokens) return write_problem(res, tokens.problem());
    nlohmann::json items = nlohmann::json::array();
    for (const auto& t : tokens.value()) items.push_back(to_json(t));
    write_json(res, 200, {{"items", items}});
  });

  route("DELETE", "/api/tokens/{id}", [this](const httplib::Request& req, httplib::Response& res) {
    if (!m_identity) return write_problem(res, no_identity());
    auto removed = m_identity->tokens().remove(caller(), req.matches[1].str());
    if (!removed) return write_problem(res, removed.problem());
    res.status = 204;
  });
}

}  // namespace datahub::backend
