// IdentityService's OIDC sign-in: find or make the user an IdP vouches for, and sign it in.
#include <chrono>

#include <spdlog/spdlog.h>

#include "datahub/time_format.h"
#include "identity_service.h"
#include "random_token.h"

namespace datahub::backend {
namespace {

std::string rfc3339(std::int64_t unix_seconds) {
  return format_rfc3339_utc(
      std::chrono::system_clock::time_point(std::chrono::seconds(unix_seconds)));
}

Problem username_taken(const std::string& username) {
  return make_problem(ProblemType::NameTaken,
                      "The username '" + username +
                          "' belongs to another user of this server: an admin must rename or "
                          "remove that user first.");
}

}  // namespace

Result<StoredUser> IdentityService::linked_user(const std::string& subject_key,
                                                const std::string& username) {
  auto by_name = m_store.user_by_name(username);
  if (by_name) {
    if (by_name->oidc_subject == subject_key) return by_name;
  } else if (by_name.problem().type != ProblemType::NotFound) {
    return by_name.problem();
  }
  // The IdP may have renamed the person: the subject is what links them. Sign-ins are rare
  // and users few, so a scan does.
  auto all = m_store.users();
  if (!all) return all.problem();
  for (const auto& u : *all) {
    auto stored = m_store.user(u.id);
    if (stored && stored->oidc_subject == subject_key) return stored;
  }
  if (by_name) return username_taken(username);
  return make_problem(ProblemType::NotFound, "No user is linked to this subject.");
}

Result<SignedIn> IdentityService::sign_in_external(const ExternalIdentity& who) {
  const std::string stamp = rfc3339(now());
  auto found = linked_user(who.subject_key, who.username);
  if (!found && found.problem().type != ProblemType::NotFound) return found.problem();
  if (!found) {
    StoredUser fresh{User{"u_" + random_token().substr(0, 20), who.username,
                          who.display_name.empty() ? who.username : who.display_name, who.role,
                          false, stamp, stamp, 1},
                     "", who.subject_key};
    auto created = m_store.create_user(fresh);
    if (!created) {
      if (created.problem().type == ProblemType::NameTaken) return username_taken(who.username);
      return created.problem();
    }
    return open_session(user_caller(created->user));
  }
  if (found->user.disabled)
    return make_problem(ProblemType::Unauthorized, "This user is disabled.");
  auto updated = m_store.update_user(
      found->user.id, [&](const StoredUser& current, std::size_t admins) -> Result<UserChange> {
        if (current.user.disabled)
          return make_problem(ProblemType::Unauthorized, "This user is disabled.");
        UserChange change{current, false, ""};
        change.next.user.last_login_at = stamp;
        Role role = who.role;
        // The last enabled admin stays admin (the store's rule), whatever the groups say now.
        if (current.user.role == Role::Admin && role != Role::Admin && admins <= 1) {
          spdlog::warn(
              "OIDC sign-in: {} is the last enabled admin and stays admin although "
              "the IdP's groups no longer say so",
              current.user.username);
          role = Role::Admin;
        }
        if (role != current.user.role) {
          change.next.user.role = role;
          change.next.user.version = current.user.version + 1;
          change.end_sessions = true;  // a role change ends the user's other sessions
        }
        return change;
      });
  if (!updated) return updated.problem();
  return open_session(user_caller(updated->user));
}

}  // namespace datahub::backend
