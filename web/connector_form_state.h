// View state of the connector form: what the user typed, the connector it makes, the messages
// under each field (the shared rules as the user types, the server's after a submit) and whether
// anything changed since the connector was loaded. No drawing here (screen_connector_form.cpp).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "certificates.h"
#include "datahub/connector.h"
#include "datahub/problem.h"
#include "secret_times.h"

namespace datahub::web {

// A write-only value as the form holds it (docs/API.md "Write-only secrets").
struct SecretInput {
  std::string text;     // what the user typed; empty keeps what is stored
  bool stored = false;  // the server holds one: shown as "stored — type to replace"
  // The user asked to remove the stored value (an optional secret): "" is sent, which clears
  // it. Typing a value instead replaces it.
  bool clear = false;
};

struct HeaderRow {
  std::string name;
  std::string value;  // a plain value, or a secret the user typed (empty keeps the stored one)
  bool secret = false;
  std::string stored_name;  // the name the stored secret value belongs to; "" when none
};

struct ParamRow {
  std::string key;
  std::string value;
};

// Every editable setting, in the shape the widgets edit.
struct ConnectorForm {
  std::string name;
  std::string base_url;
  int timeout_ms = kDefaultTimeoutMs;
  ConnectorStatus status = ConnectorStatus::Disabled;  // changed by the actions, not the form
  AuthMethod auth = AuthMethod::None;
  GrantType grant = GrantType::ClientCredentials;
  std::string token_url;
  std::string client_id;
  SecretInput client_secret;
  std::string username;
  SecretInput password;
  std::string scope;
  std::string audience;
  std::string resource;
  std::vector<ParamRow> extra_params;
  ClientAuthentication client_auth = ClientAuthentication::Basic;
  TokenRequestFormat token_format = TokenRequestFormat::Form;
  // private_key_jwt (RFC 7523 §2.2) and the token response options (form_oauth2_options.cpp).
  SecretInput private_key;  // PEM
  SigningAlg signing_alg = SigningAlg::RS256;
  std::string key_id;
  std::string token_field = OAuth2Settings{}.token_field;
  std::string expires_field = OAuth2Settings{}.expires_field;
  int default_lifetime_s = OAuth2Settings{}.default_lifetime_s;
  // As typed, comma-separated ("401, 403"); a piece that is no number becomes 0, which the shared
  // rule refuses ("must be between 400 and 599") as the server would.
  std::string expired_statuses = "401";
  // The static methods. Each keeps what was typed while another method is chosen (a person
  // trying the choices loses nothing); only the chosen one is sent.
  ApiKeyLocation api_key_in = ApiKeyLocation::Header;
  std::string api_key_name;
  SecretInput api_key_value;
  std::string basic_username;
  SecretInput basic_password;
  SecretInput bearer_token;
  std::vector<HeaderRow> headers;
  // How the connector reaches the network (form_connection_security.cpp).
  std::string ca_pem;
  std::string client_cert_pem;
  SecretInput client_key_pem;
  ProxyMode proxy_mode = ProxyMode::Server;
  std::string proxy_url;  // kept while another mode is chosen, sent only with Custom
  std::string proxy_username;
  SecretInput proxy_password;
  int max_attempts = 1;
  // As typed: "" is no limit (0). Text that is no number becomes NaN, which the shared rule
  // refuses, so the form says what the server would.
  std::string requests_per_second;
  std::string burst;
};

// A header whose stored secret value was made plain ("Secret" unticked) and not typed again:
// the value is write-only, so it cannot become the plain value by itself.
bool StoredSecretNeedsRetyping(const HeaderRow& row);

// The connector the form describes, normalized: secrets only where the user typed one.
Connector ToConnector(const ConnectorForm& form);
ConnectorForm FormFromConnector(const Connector& connector);
// The value at a FieldError path ("auth.token_url", "headers[1].value") in a request JSON;
// null when absent.
nlohmann::json ValueAtPath(const nlohmann::json& doc, const std::string& path);

class ConnectorFormState {
 public:
  ConnectorFormState() { Reset(ConnectorForm{}); }

  // Starts over from `form` (a new empty form or a loaded connector): nothing is dirty, touched
  // or reported. `stored`: the connector as saved (Manage), whose secrets stay behind when the
  // base URL moves to another server; nullptr for a new one. `certificates`: what the server
  // said of the stored PEMs.
  void Reset(const ConnectorForm& form, const Connector* stored = nullptr,
             StoredCertificates certificates = {});

  // The widgets edit Form() directly, then call Edited() with the field's path. A choice
  // (`judge`) is judged at once; a text field only once the user leaves it (Judge), and from
  // then on as they type: "http://12" is no error yet while "http://123.example.com" is typed.
  ConnectorForm& Form() { return m_form; }
  const ConnectorForm& Form() const { return m_form; }
  void Edited(const std::string& path, bool judge = true);
  void Judge(const std::string& path) { m_touched.insert(path); }
  // Keyboard focus goes to the field at `path` when it is next drawn (a form opening, a row
  // added); TakeFocus is the field asking, and is true once.
  void FocusField(std::string path) { m_focus_path = std::move(path); }
  bool TakeFocus(const std::string& path) {
    if (m_focus_path != path) return false;
    m_focus_path.clear();
    return true;
  }
  // A collapsing section's open state is chosen once per Reset (open when something in it is
  // set): true, once, when the section at `path` should take `open` now.
  bool TakeSectionDefault(const std::string& path) { return m_section_defaults.erase(path) > 0; }
  // Whether the section opens when first drawn: something in it differs from the defaults.
  bool SectionHasSettings(const std::string& path) const;
  // What the server said of the stored CA and client certificates, while the field still holds
  // the PEM it described (an edited PEM is not described until it is saved); nullptr otherwise.
  const std::vector<CertificateInfo>* DescribedCa() const;
  const CertificateInfo* DescribedClientCert() const;

  // When each stored secret last changed (from the history; kept across a Reset of the same
  // connector). "" when the history does not say (not loaded yet, or kept no such entry).
  void SetSecretTimes(SecretTimes times) { m_secret_times = std::move(times); }
  std::string SecretChangedAt(std::string_view key) const {
    auto it = m_secret_times.find(key);
    return it == m_secret_times.end() ? std::string() : it->second;
  }

  // After a submit attempt: every rule message shows, touched or not.
  void ShowAllErrors();
  void SetServerErrors(const std::vector<FieldError>& errors);

  const Connector& Current() const { return m_connector; }
  // The request JSON of the form as it is, and as it was loaded: what a result or an error was
  // made with is compared against these.
  const nlohmann::json& Json() const { return m_json; }
  const nlohmann::json& BaselineJson() const { return m_baseline_json; }
  bool Dirty() const { return m_json != m_baseline_json; }
  bool Valid() const { return m_rule_errors.empty(); }
  // The message under the field at `path`, "" when there is none to show.
  std::string ErrorFor(const std::string& path) const;
  // Messages for every field under `prefix` ("auth.extra_params"), in path order.
  std::vector<FieldError> ErrorsUnder(const std::string& prefix) const;
  // Server errors on fields the form has no widget for (shown above the form).
  std::vector<FieldError> UnplacedServerErrors() const;

 private:
  void Recompute();
  struct ServerError {
    std::string message;
    nlohmann::json judged;  // the field's value the server judged; the message goes with it
  };

  ConnectorForm m_form;
  Connector m_connector;
  nlohmann::json m_json;
  nlohmann::json m_baseline_json;
  std::map<std::string, std::string> m_rule_errors;
  std::map<std::string, ServerError> m_server_errors;
  // Stored secrets the edited URLs leave behind (the server's own rule): shown at once, touched
  // or not, under each secret to type again.
  std::map<std::string, std::string> m_left_behind;
  std::optional<Connector> m_stored;
  StoredCertificates m_certificates;
  SecretTimes m_secret_times;
  std::set<std::string> m_section_defaults;
  std::set<std::string> m_touched;
  bool m_show_all = false;
  std::string m_focus_path;
};

}  // namespace datahub::web
