#include "connector_form_state.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "datahub/connector_json.h"
#include "datahub/connector_validation.h"
#include "datahub/text.h"

namespace datahub::web {
namespace {

using nlohmann::json;

WriteOnly ToWriteOnly(const SecretInput& input) {
  WriteOnly w;
  w.is_set = input.stored;
  if (!input.text.empty())
    w.value = input.text;  // only a typed value travels (write-only)
  else if (input.clear && input.stored)
    w.value = "";  // docs/API.md: "" clears a stored value
  return w;
}

SecretInput FromWriteOnly(const WriteOnly& w) {
  return {w.value.value_or(""), w.is_set};
}

// A stored secret header value belongs to its name: renamed, the server cannot match it.
bool StoredValueApplies(const HeaderRow& row) {
  return !row.stored_name.empty() && fold_name(row.name) == fold_name(row.stored_name);
}

Header ToHeader(const HeaderRow& row) {
  Header h;
  h.name = row.name;
  h.secret = row.secret;
  if (row.secret)
    h.value = ToWriteOnly({row.value, StoredValueApplies(row)});
  else if (!row.value.empty() || !StoredValueApplies(row))
    h.value.value = row.value;
  // else: a stored secret made plain, not typed again. Its value cannot be read back, so it is
  // missing (not ""), which the shared rules refuse as the server does ("is required").
  return h;
}

// "401, 403" -> {401, 403}; a piece that is not wholly a number is 0 (refused by the rule).
std::vector<int> StatusesFromText(const std::string& text) {
  std::vector<int> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    const std::string piece(trim_ascii(std::string_view(text).substr(start, comma - start)));
    if (!piece.empty()) {
      char* end = nullptr;
      const long value = std::strtol(piece.c_str(), &end, 10);
      const bool whole = end == piece.c_str() + piece.size() && value >= 0 && value <= 999;
      out.push_back(whole ? static_cast<int>(value) : 0);
    }
    start = comma + 1;
  }
  return out;
}

std::string StatusesText(const std::vector<int>& statuses) {
  std::string out;
  for (int status : statuses) out += (out.empty() ? "" : ", ") + std::to_string(status);
  return out;
}

OAuth2Settings ToOAuth2(const ConnectorForm& f) {
  OAuth2Settings o;
  o.grant_type = f.grant;
  o.token_url = f.token_url;
  o.client_id = f.client_id;
  o.client_secret = ToWriteOnly(f.client_secret);
  if (f.grant == GrantType::Password) {
    o.username = f.username;
    o.password = ToWriteOnly(f.password);
  }
  o.scope = f.scope;
  o.audience = f.audience;
  o.resource = f.resource;
  for (const ParamRow& p : f.extra_params)
    if (!p.key.empty() || !p.value.empty()) o.extra_params[p.key] = p.value;
  o.client_authentication = f.client_auth;
  o.token_request_format = f.token_format;
  o.private_key = ToWriteOnly(f.private_key);
  o.signing_alg = f.signing_alg;
  o.key_id = f.key_id;
  o.token_field = f.token_field;
  o.expires_field = f.expires_field;
  o.default_lifetime_s = f.default_lifetime_s;
  o.expired_statuses = StatusesFromText(f.expired_statuses);
  return o;
}

void LoadOAuth2(const OAuth2Settings& o, ConnectorForm& f) {
  f.grant = o.grant_type;
  f.token_url = o.token_url;
  f.client_id = o.client_id;
  f.client_secret = FromWriteOnly(o.client_secret);
  f.username = o.username;
  f.password = FromWriteOnly(o.password);
  f.scope = o.scope;
  f.audience = o.audience;
  f.resource = o.resource;
  for (const auto& [key, value] : o.extra_params) f.extra_params.push_back({key, value});
  f.client_auth = o.client_authentication;
  f.token_format = o.token_request_format;
  f.private_key = FromWriteOnly(o.private_key);
  f.signing_alg = o.signing_alg;
  f.key_id = o.key_id;
  f.token_field = o.token_field;
  f.expires_field = o.expires_field;
  f.default_lifetime_s = o.default_lifetime_s;
  f.expired_statuses = StatusesText(o.expired_statuses);
}

// A rate as typed: "" is 0 (no limit); anything that is not wholly a number is NaN, which the
// shared rule refuses ("must be between 0 and 10000") as the server would.
double RateFromText(const std::string& text) {
  const std::string trimmed(trim_ascii(text));
  if (trimmed.empty()) return 0;
  char* end = nullptr;
  const double value = std::strtod(trimmed.c_str(), &end);
  return end == trimmed.c_str() + trimmed.size() ? value : std::nan("");
}

std::string RateText(double value) {
  if (value == 0) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

void ToTransport(const ConnectorForm& f, Connector& c) {
  c.tls.ca_pem = f.ca_pem;
  c.tls.client_cert_pem = f.client_cert_pem;
  c.tls.client_key_pem = ToWriteOnly(f.client_key_pem);
  c.proxy.mode = f.proxy_mode;
  c.proxy.url = f.proxy_url;  // normalize() drops it, and the username, unless Custom
  c.proxy.username = f.proxy_username;
  if (f.proxy_mode == ProxyMode::Custom) c.proxy.password = ToWriteOnly(f.proxy_password);
  c.retry.max_attempts = f.max_attempts;
  c.rate_limit.requests_per_second = RateFromText(f.requests_per_second);
  c.rate_limit.burst = RateFromText(f.burst);
}

void LoadTransport(const Connector& c, ConnectorForm& f) {
  f.ca_pem = c.tls.ca_pem;
  f.client_cert_pem = c.tls.client_cert_pem;
  f.client_key_pem = FromWriteOnly(c.tls.client_key_pem);
  f.proxy_mode = c.proxy.mode;
  f.proxy_url = c.proxy.url;
  f.proxy_username = c.proxy.username;
  f.proxy_password = FromWriteOnly(c.proxy.password);
  f.max_attempts = c.retry.max_attempts;
  f.requests_per_second = RateText(c.rate_limit.requests_per_second);
  f.burst = RateText(c.rate_limit.burst);
}

// "headers[1].value" -> {"headers", "1", "value"}.
std::vector<std::string> PathSegments(const std::string& path) {
  std::vector<std::string> out;
  std::string current;
  for (char c : path) {
    if (c == '.' || c == '[' || c == ']') {
      if (!current.empty()) out.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

// Fields that have a widget on the form; errors elsewhere ("type", "status") show above it.
bool IsPlaced(const std::string& path) {
  for (const char* root :
       {"name", "base_url", "timeout_ms", "auth", "headers", "tls", "proxy", "retry", "rate_limit"})
    if (path == root || path.starts_with(std::string(root) + ".") ||
        path.starts_with(std::string(root) + "["))
      return true;
  return false;
}

}  // namespace

bool StoredSecretNeedsRetyping(const HeaderRow& row) {
  return !row.secret && row.value.empty() && StoredValueApplies(row);
}

Connector ToConnector(const ConnectorForm& form) {
  Connector c;
  c.name = form.name;
  c.base_url = form.base_url;
  c.timeout_ms = form.timeout_ms;
  c.status = form.status;
  c.auth.method = form.auth;
  if (form.auth == AuthMethod::OAuth2) c.auth.oauth2 = ToOAuth2(form);
  if (form.auth == AuthMethod::ApiKey)
    c.auth.api_key = {form.api_key_name, form.api_key_in, ToWriteOnly(form.api_key_value)};
  if (form.auth == AuthMethod::Basic)
    c.auth.basic = {form.basic_username, ToWriteOnly(form.basic_password)};
  if (form.auth == AuthMethod::Bearer) c.auth.bearer = {ToWriteOnly(form.bearer_token)};
  for (const HeaderRow& row : form.headers) c.headers.push_back(ToHeader(row));
  ToTransport(form, c);
  normalize(c);
  return c;
}

ConnectorForm FormFromConnector(const Connector& c) {
  ConnectorForm f;
  f.name = c.name;
  f.base_url = c.base_url;
  f.timeout_ms = c.timeout_ms;
  f.status = c.status;
  f.auth = c.auth.method;
  if (c.auth.method == AuthMethod::OAuth2) LoadOAuth2(c.auth.oauth2, f);
  f.api_key_in = c.auth.api_key.in;
  f.api_key_name = c.auth.api_key.name;
  f.api_key_value = FromWriteOnly(c.auth.api_key.value);
  f.basic_username = c.auth.basic.username;
  f.basic_password = FromWriteOnly(c.auth.basic.password);
  f.bearer_token = FromWriteOnly(c.auth.bearer.token);
  for (const Header& h : c.headers) {
    HeaderRow row{h.name, h.secret ? "" : h.value.value.value_or(""), h.secret, ""};
    if (h.secret && h.value.is_set) row.stored_name = h.name;
    f.headers.push_back(std::move(row));
  }
  LoadTransport(c, f);
  return f;
}

json ValueAtPath(const json& doc, const std::string& path) {
  const json* node = &doc;
  for (const std::string& segment : PathSegments(path)) {
    if (node->is_array() && !segment.empty() &&
        std::isdigit(static_cast<unsigned char>(segment[0]))) {
      std::size_t index = std::stoul(segment);
      if (index >= node->size()) return nullptr;
      node = &(*node)[index];
    } else if (node->is_object() && node->contains(segment)) {
      node = &(*node)[segment];
    } else {
      return nullptr;
    }
  }
  return *node;
}

void ConnectorFormState::Reset(const ConnectorForm& form, const Connector* stored,
                               StoredCertificates certificates) {
  m_form = form;
  m_stored.reset();
  if (stored) m_stored = *stored;
  if (!stored) m_secret_times.clear();  // a new form: nothing stored to date
  m_certificates = std::move(certificates);
  m_section_defaults = {"tls", "proxy", "limits"};
  m_touched.clear();
  m_server_errors.clear();
  m_show_all = false;
  Recompute();
  m_baseline_json = m_json;
}

void ConnectorFormState::Edited(const std::string& path, bool judge) {
  if (judge) m_touched.insert(path);
  Recompute();
}

void ConnectorFormState::ShowAllErrors() {
  m_show_all = true;
}

void ConnectorFormState::SetServerErrors(const std::vector<FieldError>& errors) {
  m_server_errors.clear();
  for (const FieldError& e : errors)
    m_server_errors.emplace(e.field, ServerError{e.message, ValueAtPath(m_json, e.field)});
}

void ConnectorFormState::Recompute() {
  m_connector = ToConnector(m_form);
  m_json = to_request_json(m_connector);
  m_rule_errors.clear();
  for (FieldError& e : validate(m_connector)) m_rule_errors.emplace(e.field, e.message);
  m_left_behind.clear();
  if (m_stored)
    for (FieldError& e : secrets_left_behind(m_connector, *m_stored)) {
      m_left_behind.emplace(e.field, e.message);
      m_rule_errors.emplace(e.field, e.message);  // a save would be refused
    }
}

std::string ConnectorFormState::ErrorFor(const std::string& path) const {
  // The server's word stands while the field keeps the value it judged.
  if (auto it = m_server_errors.find(path);
      it != m_server_errors.end() && ValueAtPath(m_json, path) == it->second.judged)
    return it->second.message;
  if (auto moved = m_left_behind.find(path); moved != m_left_behind.end()) return moved->second;
  auto it = m_rule_errors.find(path);
  if (it == m_rule_errors.end()) return "";
  return m_show_all || m_touched.count(path) ? it->second : "";
}

std::vector<FieldError> ConnectorFormState::ErrorsUnder(const std::string& prefix) const {
  std::set<std::string> paths;
  for (const auto& [path, e] : m_rule_errors)
    if (path.starts_with(prefix)) paths.insert(path);
  for (const auto& [path, e] : m_server_errors)
    if (path.starts_with(prefix)) paths.insert(path);
  // Rows share one "touched" mark: the section's own path.
  bool touched = m_show_all || m_touched.count(prefix);
  std::vector<FieldError> out;
  for (const std::string& path : paths) {
    std::string message = ErrorFor(path);
    if (message.empty() && touched && m_rule_errors.count(path)) message = m_rule_errors.at(path);
    if (!message.empty()) out.push_back({path, message});
  }
  return out;
}

bool ConnectorFormState::SectionHasSettings(const std::string& path) const {
  const ConnectorForm& f = m_form;
  if (path == "tls")
    return !f.ca_pem.empty() || !f.client_cert_pem.empty() || f.client_key_pem.stored ||
           !f.client_key_pem.text.empty();
  if (path == "proxy") return f.proxy_mode != ProxyMode::Server;
  return f.max_attempts != 1 || !f.requests_per_second.empty() || !f.burst.empty();
}

const std::vector<CertificateInfo>* ConnectorFormState::DescribedCa() const {
  if (!m_stored || m_certificates.ca.empty() || m_form.ca_pem != m_stored->tls.ca_pem)
    return nullptr;
  return &m_certificates.ca;
}

const CertificateInfo* ConnectorFormState::DescribedClientCert() const {
  if (!m_stored || !m_certificates.client_cert ||
      m_form.client_cert_pem != m_stored->tls.client_cert_pem)
    return nullptr;
  return &*m_certificates.client_cert;
}

std::vector<FieldError> ConnectorFormState::UnplacedServerErrors() const {
  std::vector<FieldError> out;
  for (const auto& [path, e] : m_server_errors)
    if (!IsPlaced(path)) out.push_back({path, e.message});
  return out;
}

}  // namespace datahub::web
