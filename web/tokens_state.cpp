#include "tokens_state.h"

#include <cctype>
#include <utility>

#include "datahub/connector_id.h"

namespace datahub::web {

std::optional<std::vector<std::string>> ConnectorIdsFromText(const std::string& text) {
  std::vector<std::string> ids;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) ids.push_back(current);
    current.clear();
  };
  for (char c : text) {
    if (c == ',' || std::isspace(static_cast<unsigned char>(c)))
      flush();
    else
      current += c;
  }
  flush();
  if (ids.empty()) return std::nullopt;
  return ids;
}

Result<std::optional<std::string>> ExpiryFromDate(const std::string& date) {
  if (date.empty()) return std::optional<std::string>();
  const bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-';
  bool digits = shaped;
  for (std::size_t i = 0; shaped && i < date.size(); ++i)
    if (i != 4 && i != 7 && !std::isdigit(static_cast<unsigned char>(date[i]))) digits = false;
  const int month = digits ? std::stoi(date.substr(5, 2)) : 0;
  const int day = digits ? std::stoi(date.substr(8, 2)) : 0;
  if (!digits || month < 1 || month > 12 || day < 1 || day > 31)
    return make_problem(ProblemType::Validation, "must be a date as YYYY-MM-DD");
  return std::optional<std::string>(date + "T23:59:59Z");
}

void TokensState::Open(Role own_role) {
  m_own_role = own_role;
  m_loading = true;
  const unsigned generation = ++m_generation;
  m_api.ListTokens([this, generation](Result<std::vector<ApiToken>> r) {
    if (generation != m_generation) return;
    m_loading = false;
    if (!r) return void(m_problem = r.problem());
    m_problem.reset();
    m_tokens = std::move(r).value();
  });
}

void TokensState::Close() {
  ++m_generation;
  m_tokens.clear();
  m_problem.reset();
  m_loading = false;
  CloseDialog();
}

void TokensState::StartCreate() {
  m_create.Clear();
  for (const char* f : {"name", "connector_ids", "expires_at"}) m_create[f];
  m_create_role = Role::Viewer;
  m_created.reset();
  m_creating = true;
}

void TokensState::SubmitCreate() {
  if (m_create.busy || m_created) return;
  m_create.problem.reset();
  m_create.errors.clear();
  NewToken token{m_create["name"], m_create_role, ConnectorIdsFromText(m_create["connector_ids"]),
                 std::nullopt};
  if (token.name.empty()) m_create.errors["name"] = "is required";
  // ",,," names no connector: not "every connector", which is an empty field's meaning.
  const std::string& ids_text = m_create["connector_ids"];
  if (!token.connector_ids && ids_text.find_first_not_of(" \t\n") != std::string::npos)
    m_create.errors["connector_ids"] = "names no connector ID (leave it empty for all)";
  if (token.connector_ids)
    for (const std::string& id : *token.connector_ids)
      if (!is_valid_connector_id(id))
        m_create.errors["connector_ids"] = "“" + id + "” is not a connector ID";
  auto expiry = ExpiryFromDate(m_create["expires_at"]);
  if (!expiry)
    m_create.errors["expires_at"] = expiry.problem().detail;
  else
    token.expires_at = expiry.value();
  if (!m_create.errors.empty()) return m_create.Invalid();
  m_create.busy = true;
  m_api.CreateToken(token, [this](Result<CreatedToken> r) {
    if (!m_creating) return;
    if (!r) return m_create.Refused(r.problem());
    m_create.busy = false;
    m_created = std::move(r).value();
    m_done = "API token created";
    Open(m_own_role);
  });
}

void TokensState::ConfirmRevoke() {
  if (!m_revoking) return;
  const std::string id = m_revoking->id;
  m_revoking.reset();
  m_api.RevokeToken(id, [this](Result<Done> r) {
    if (!r) return void(m_problem = r.problem());
    m_done = "API token revoked";
    Open(m_own_role);
  });
}

void TokensState::CloseDialog() {
  m_creating = false;
  m_create.Clear();
  m_created.reset();  // the token is never shown again
  m_revoking.reset();
}

}  // namespace datahub::web
