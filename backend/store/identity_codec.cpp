#include "identity_codec.h"

#include <nlohmann/json.hpp>

namespace datahub::backend::identity_codec {

std::string encode_user(const StoredUser& user) {
  nlohmann::json doc = to_json(user.user);
  doc["password_hash"] = user.password_hash;
  if (!user.oidc_subject.empty()) doc["oidc_subject"] = user.oidc_subject;
  return doc.dump();
}

std::optional<StoredUser> decode_user(std::string_view bytes) {
  auto doc = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  auto user = user_from_json(doc);
  if (!user || !doc.contains("password_hash") || !doc["password_hash"].is_string())
    return std::nullopt;
  std::string oidc_subject;
  if (auto it = doc.find("oidc_subject"); it != doc.end() && it->is_string())
    oidc_subject = it->get<std::string>();
  return StoredUser{std::move(*user), doc["password_hash"].get<std::string>(),
                    std::move(oidc_subject)};
}

Problem user_not_found(std::string_view id) {
  return make_problem(ProblemType::NotFound, "no user " + std::string(id));
}

Problem token_not_found(std::string_view id) {
  return make_problem(ProblemType::NotFound, "No API token " + std::string(id) + ".");
}

Problem session_not_found() {
  return make_problem(ProblemType::NotFound, "no such session");
}

Problem username_taken(const User& user) {
  return make_problem(ProblemType::NameTaken,
                      "another user is already named \"" + user.username + "\"",
                      {{"username", "is already used by another user (usernames ignore case)"}});
}

Problem setup_code_refused() {
  return make_problem(ProblemType::Forbidden,
                      "The setup code is wrong, used or expired: restart the server for a new "
                      "one.");
}

Problem setup_done(bool creating) {
  return make_problem(ProblemType::SetupDone,
                      creating ? "The first administrator exists already: sign in instead."
                               : "The first administrator exists already.");
}

Problem corrupt(std::string_view what) {
  return make_problem(ProblemType::Internal,
                      "store: a stored " + std::string(what) + " could not be read");
}

}  // namespace datahub::backend::identity_codec
