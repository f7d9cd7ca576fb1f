#include "api_tokens.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "api_token_input.h"
#include "datahub/time_format.h"
#include "random_token.h"
#include "token_hash.h"

namespace datahub::backend {
namespace {

// The stored last use is rewritten once it is this old: a busy token costs a write a minute.
constexpr std::int64_t kWriteUseEverySeconds = 60;

nlohmann::json time_or_null(const std::optional<std::int64_t>& unix_seconds) {
  if (!unix_seconds) return nullptr;
  return format_rfc3339_utc(
      std::chrono::system_clock::time_point(std::chrono::seconds(*unix_seconds)));
}

Problem token_refused() {
  return make_problem(ProblemType::Unauthorized,
                      "The token is not valid: unknown, revoked, expired, or its owner cannot "
                      "sign in.");
}

Problem no_such_token(const std::string& id) {
  return make_problem(ProblemType::NotFound, "No API token " + id + ".");
}

bool is_admin(const Caller& caller) {
  return caller.kind != Caller::Kind::ApiToken && caller.role == Role::Admin;
}

// Whose tokens a caller holds: a user's id, or the admin token's.
std::string owner_of(const Caller& caller) {
  return caller.kind == Caller::Kind::AdminToken ? std::string(kAdminTokenOwner) : caller.user.id;
}

}  // namespace

nlohmann::json to_json(const TokenView& view) {
  const ApiToken& t = view.token;
  return {{"id", t.id},
          {"name", t.name},
          {"role", std::string(role_name(t.role))},
          {"connector_ids", t.connector_ids ? nlohmann::json(*t.connector_ids) : nlohmann::json()},
          {"expires_at", time_or_null(t.expires_at)},
          {"created_at", time_or_null(t.created_at)},
          {"last_used_at", time_or_null(t.last_used_at)},
          {"owner", {{"id", t.owner_id}, {"name", view.owner_name}}}};
}

ApiTokens::ApiTokens(IdentityStore& store, Clock clock)
    : m_store(store), m_clock(std::move(clock)) {}

Result<NewToken> ApiTokens::create(const Caller& creator, const nlohmann::json& body,
                                   const ConnectorExists& exists) {
  if (creator.kind == Caller::Kind::ApiToken)
    return make_problem(ProblemType::Forbidden, "An API token cannot create tokens.");
  auto input = token_input_from_json(body, now(), exists);
  if (!input) return input.problem();
  if (!role_allows(creator.role, input->role))
    return make_problem(ProblemType::Forbidden, "A token's role cannot be above yours (" +
                                                    std::string(role_name(creator.role)) + ").");
  NewToken out;
  out.secret = std::string(kApiTokenPrefix) + random_token();
  ApiToken& t = out.token;
  t.id = "t_" + random_token().substr(0, 20);
  t.name = input->name;
  t.owner_id = owner_of(creator);
  t.role = input->role;
  t.connector_ids = std::move(input->connector_ids);
  t.expires_at = input->expires_at;
  t.created_at = now();
  t.hash_hex = token_hash_hex(out.secret);
  if (auto stored = m_store.create_token(t); !stored) return stored.problem();
  return out;
}

Result<std::vector<TokenView>> ApiTokens::list(const Caller& caller) {
  auto tokens = m_store.tokens();
  if (!tokens) return tokens.problem();
  auto users = m_store.users();
  if (!users) return users.problem();
  std::map<std::string, std::string> names{{std::string(kAdminTokenOwner), "admin-token"}};
  for (const auto& u : *users) names[u.id] = u.username;
  const bool all = is_admin(caller);
  const std::string own = owner_of(caller);
  std::vector<TokenView> out;
  for (auto& t : *tokens) {
    if (!all && t.owner_id != own) continue;
    if (auto used = last_use_in_memory(t.id); used && (!t.last_used_at || *used > *t.last_used_at))
      t.last_used_at = used;
    auto name = names.find(t.owner_id);
    out.push_back({std::move(t), name == names.end() ? "" : name->second});
  }
  return out;
}

Result<bool> ApiTokens::remove(const Caller& caller, const std::string& id) {
  auto token = m_store.token(id);
  if (!token) return token.problem();
  // Someone else's token does not exist for a caller who may not revoke it.
  if (!is_admin(caller) && token->owner_id != owner_of(caller)) return no_such_token(id);
  auto removed = m_store.remove_token(id);
  if (!removed) return removed.problem();
  std::lock_guard lock(m_mutex);
  m_last_used.erase(id);
  return true;
}

Result<Caller> ApiTokens::resolve(std::string_view secret) {
  if (!secret.starts_with(kApiTokenPrefix)) return token_refused();
  auto token = m_store.token_by_hash(token_hash_hex(secret));
  if (!token) {
    if (token.problem().type == ProblemType::NotFound) return token_refused();
    return token.problem();
  }
  return caller_for(std::move(*token));
}

Result<Caller> ApiTokens::resolve_id(std::string_view id) {
  auto token = m_store.token(id);
  if (!token) {
    if (token.problem().type == ProblemType::NotFound) return token_refused();
    return token.problem();
  }
  return caller_for(std::move(*token));
}

Result<Caller> ApiTokens::caller_for(ApiToken token) {
  if (token.expires_at && *token.expires_at <= now()) return token_refused();
  Caller caller;
  caller.kind = Caller::Kind::ApiToken;
  if (token.owner_id == kAdminTokenOwner) {
    caller.user.id = caller.user.username = std::string(kAdminTokenOwner);
    caller.role = token.role;
  } else {
    auto owner = m_store.user(token.owner_id);
    if (!owner) {
      if (owner.problem().type == ProblemType::NotFound) return token_refused();
      return owner.problem();
    }
    if (owner->user.disabled) return token_refused();
    // An owner demoted since keeps tokens no stronger than themselves.
    caller.role = std::min(token.role, owner->user.role);
    caller.user = std::move(owner->user);
  }
  record_use(token);
  caller.token_id = std::move(token.id);
  caller.token_name = std::move(token.name);
  caller.connector_ids = std::move(token.connector_ids);
  return caller;
}

void ApiTokens::record_use(const ApiToken& token) {
  const std::int64_t t = now();
  {
    std::lock_guard lock(m_mutex);
    auto& newest = m_last_used[token.id];
    newest = std::max(newest, t);
  }
  if (!token.last_used_at || *token.last_used_at <= t - kWriteUseEverySeconds)
    (void)m_store.touch_tokens({{token.id, t}});
}

std::optional<std::int64_t> ApiTokens::last_use_in_memory(const std::string& id) {
  std::lock_guard lock(m_mutex);
  auto it = m_last_used.find(id);
  if (it == m_last_used.end()) return std::nullopt;
  return it->second;
}

void ApiTokens::flush() {
  std::vector<std::pair<std::string, std::int64_t>> uses;
  {
    std::lock_guard lock(m_mutex);
    uses.assign(m_last_used.begin(), m_last_used.end());
  }
  if (!uses.empty()) (void)m_store.touch_tokens(uses);
}

}  // namespace datahub::backend
