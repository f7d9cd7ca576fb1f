// What both identity stores (LMDB and PostgreSQL) write and answer alike: a user's stored
// form (the user's JSON with its password hash and OIDC link) and the problems of the
// IdentityStore contract (identity_store.h), so both stores say the same words.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "identity_store.h"

namespace datahub::backend::identity_codec {

std::string encode_user(const StoredUser& user);
// Nothing when the bytes are not a stored user.
std::optional<StoredUser> decode_user(std::string_view bytes);

inline bool is_enabled_admin(const User& u) {
  return u.role == Role::Admin && !u.disabled;
}

Problem user_not_found(std::string_view id);
Problem token_not_found(std::string_view id);
Problem session_not_found();
Problem username_taken(const User& user);
// The setup code: refused (wrong, used or expired), or no longer needed. `creating`: the
// answer to create_user (which points to signing in) rather than to check_setup_code.
Problem setup_code_refused();
Problem setup_done(bool creating);
// A stored record that does not decode.
Problem corrupt(std::string_view what);

}  // namespace datahub::backend::identity_codec
