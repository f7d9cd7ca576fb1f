// API tokens (docs/API.md, "API tokens"): created by a signed-in user with a role up to their
// own, shown once, stored hashed, optionally limited to connectors and to an expiry, revocable.
// Their last use is kept in memory and written at most once a minute per token (and by
// flush(), at shutdown), so checking a token costs no write per request.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_token_input.h"
#include "caller.h"
#include "store/identity_store.h"

namespace datahub::backend {

inline constexpr std::string_view kApiTokenPrefix = "dht_";

struct NewToken {
  ApiToken token;
  std::string secret;  // "dht_...": answered once, never stored
};

// A token as GET /api/tokens lists it, with its owner's name.
struct TokenView {
  ApiToken token;
  std::string owner_name;
};

// The response form: id, name, role, connector_ids, expires_at, created_at, last_used_at and
// owner {id, name}; never the token or its hash.
nlohmann::json to_json(const TokenView& view);

class ApiTokens {
 public:
  using Clock = std::function<std::int64_t()>;  // Unix seconds
  ApiTokens(IdentityStore& store, Clock clock);

  // POST /api/tokens. 400 for wrong JSON types, 422 with every broken field, 403 for a role
  // above the creator's or a creator that is itself an API token.
  Result<NewToken> create(const Caller& creator, const nlohmann::json& body,
                          const ConnectorExists& exists = {});
  // The caller's own tokens; every token for an admin.
  Result<std::vector<TokenView>> list(const Caller& caller);
  // The caller's own token, or any for an admin; NotFound otherwise.
  Result<bool> remove(const Caller& caller, const std::string& id);

  // The caller behind a bearer token, and behind a session opened with a token (by its id):
  // Unauthorized when it is unknown, revoked or expired, or its owner is gone or disabled.
  Result<Caller> resolve(std::string_view secret);
  Result<Caller> resolve_id(std::string_view id);

  // Writes the last uses that are only in memory (at shutdown).
  void flush();

 private:
  Result<Caller> caller_for(ApiToken token);
  void record_use(const ApiToken& token);
  std::optional<std::int64_t> last_use_in_memory(const std::string& id);
  std::int64_t now() const { return m_clock(); }

  IdentityStore& m_store;
  Clock m_clock;
  std::mutex m_mutex;
  std::unordered_map<std::string, std::int64_t> m_last_used;  // token id -> newest use
};

}  // namespace datahub::backend
