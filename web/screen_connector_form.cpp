// [SECTION] Connection
// [SECTION] Authentication
// [SECTION] Custom request headers
#include "screen_connector_form.h"

#include <string>

#include "field_labels.h"
#include "form_connection_security.h"
#include "form_fields.h"
#include "form_oauth2_options.h"
#include "form_static_auth.h"
#include "imgui.h"
#include "imgui_internal.h"  // NavDisableHighlight: show where the focus went
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

using Ctx = FormCtx;

// [SECTION] Connection

void DrawTimeout(Ctx& c) {
  Caption(FieldCaption("timeout_ms"), false);
  ImGui::SetNextItemWidth(160 * c.fonts.scale);
  TextEdited(c, ImGui::InputInt("##timeout_ms", &c.state.Form().timeout_ms, 0, 0), "timeout_ms");
  ProbeLabelLastItem("Timeout (ms)");
  ProbeSetValue(std::to_string(c.state.Form().timeout_ms));
  const ImGuiID field = ImGui::GetItemID();
  EnterSubmits(c);
  Message("Timeout", c.state.ErrorFor("timeout_ms"), field);
  ImGui::Spacing();
}

void DrawConnection(Ctx& c) {
  ConnectorForm& f = c.state.Form();
  SectionHeading("Connection", /*first=*/true);
  TextField(c, FieldCaption("name"), "name", f.name, true, "e.g. ERP production");
  TextField(c, FieldCaption("base_url"), "base_url", f.base_url, true,
            "https://erp.example.com/api/v2");
  DrawTimeout(c);
}

// [SECTION] Authentication

void DrawExtraParams(Ctx& c) {
  ConnectorForm& f = c.state.Form();
  Caption("Extra parameters", false);
  int remove = -1;
  float half = (FieldWidth(c) - ImGui::GetStyle().ItemSpacing.x * 2) * 0.4f;
  for (int i = 0; i < static_cast<int>(f.extra_params.size()); ++i) {
    ImGui::PushID(i);
    std::string n = std::to_string(i + 1);
    ImGui::SetNextItemWidth(half);
    TextEdited(c, InputString("##key", "name", f.extra_params[i].key), "auth.extra_params");
    ProbeLabelLastItem(("Parameter " + n + " name").c_str());
    ProbeSetValue(f.extra_params[i].key);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(half);
    TextEdited(c, InputString("##value", "value", f.extra_params[i].value), "auth.extra_params");
    ProbeLabelLastItem(("Parameter " + n + " value").c_str());
    ProbeSetValue(f.extra_params[i].value);
    ImGui::SameLine();
    if (ImGui::Button("Remove")) remove = i;
    ProbeLabelLastItem(("Remove parameter " + n).c_str());
    ImGui::PopID();
  }
  if (remove >= 0) {
    f.extra_params.erase(f.extra_params.begin() + remove);
    c.state.Edited("auth.extra_params");
  }
  for (const FieldError& e : c.state.ErrorsUnder("auth.extra_params"))
    Message("Extra parameters", e.message);
  if (ImGui::Button("Add parameter")) f.extra_params.push_back({});
  ImGui::Spacing();
}

void DrawAdvanced(Ctx& c) {
  ConnectorForm& f = c.state.Form();
  // An error in it is never folded away (a missing private key, a status out of range).
  for (const char* path : {"auth.private_key", "auth.signing_alg", "auth.key_id",
                           "auth.token_field", "auth.expires_field", "auth.default_lifetime_s"})
    if (!c.state.ErrorFor(path).empty()) ImGui::SetNextItemOpen(true, ImGuiCond_Always);
  if (!c.state.ErrorsUnder("auth.expired_statuses").empty())
    ImGui::SetNextItemOpen(true, ImGuiCond_Always);
  if (!ImGui::CollapsingHeader("Advanced")) return;
  ImGui::Indent();
  TextField(c, FieldCaption("auth.scope"), "auth.scope", f.scope, false,
            "space-separated, e.g. read write");
  TextField(c, FieldCaption("auth.audience"), "auth.audience", f.audience);
  TextField(c, FieldCaption("auth.resource"), "auth.resource", f.resource);
  DrawExtraParams(c);
  DrawClientAuthentication(c);
  Caption(FieldCaption("auth.token_request_format"), false);
  ProbeBeginGroup(ProbeRole::RadioGroup, FieldCaption("auth.token_request_format"));
  Choice(c, "Form", nullptr, f.token_format, TokenRequestFormat::Form, "auth.token_request_format");
  ImGui::SameLine();
  Choice(c, "JSON", nullptr, f.token_format, TokenRequestFormat::Json, "auth.token_request_format");
  ProbeEndGroup();
  ImGui::Spacing();
  DrawTokenOptions(c);
  ImGui::Unindent();
}

void DrawOAuth2(Ctx& c) {
  ConnectorForm& f = c.state.Form();
  TextField(c, FieldCaption("auth.token_url"), "auth.token_url", f.token_url, true,
            "https://idp.example.com/oauth/token");
  TextField(c, FieldCaption("auth.client_id"), "auth.client_id", f.client_id, true);
  // private_key_jwt signs an assertion instead: no client secret is needed then.
  SecretField(c, FieldCaption("auth.client_secret"), "auth.client_secret", f.client_secret,
              f.client_auth != ClientAuthentication::PrivateKeyJwt);
  Caption(FieldCaption("auth.grant_type"), false);
  ProbeBeginGroup(ProbeRole::RadioGroup, FieldCaption("auth.grant_type"));
  // "Password" is also the password field's caption: the probe tells the two apart.
  Choice(c, "Client credentials", nullptr, f.grant, GrantType::ClientCredentials,
         "auth.grant_type");
  ImGui::SameLine();
  Choice(c, "Password##grant", "Password grant", f.grant, GrantType::Password, "auth.grant_type");
  ProbeEndGroup();
  ImGui::Spacing();
  if (f.grant == GrantType::Password) {
    TextField(c, FieldCaption("auth.username"), "auth.username", f.username, true);
    SecretField(c, FieldCaption("auth.password"), "auth.password", f.password);
  }
  DrawAdvanced(c);
}

void DrawAuthentication(Ctx& c) {
  ConnectorForm& f = c.state.Form();
  SectionHeading("Authentication");
  ProbeBeginGroup(ProbeRole::RadioGroup, FieldCaption("auth.method"));
  Choice(c, "No Auth", nullptr, f.auth, AuthMethod::None, "auth.method");
  ImGui::SameLine();
  Choice(c, "API key", nullptr, f.auth, AuthMethod::ApiKey, "auth.method");
  ImGui::SameLine();
  Choice(c, "Basic", nullptr, f.auth, AuthMethod::Basic, "auth.method");
  ImGui::SameLine();
  Choice(c, "Bearer token", nullptr, f.auth, AuthMethod::Bearer, "auth.method");
  ImGui::SameLine();
  Choice(c, "OAuth 2.0", nullptr, f.auth, AuthMethod::OAuth2, "auth.method");
  ProbeEndGroup();
  ImGui::Spacing();
  if (f.auth == AuthMethod::OAuth2) DrawOAuth2(c);
  DrawStaticAuth(c);
}

// [SECTION] Custom request headers

// One row: name, value, secret toggle, remove. Returns true when "Remove" was clicked.
bool DrawHeaderRow(Ctx& c, int i) {
  HeaderRow& row = c.state.Form().headers[static_cast<std::size_t>(i)];
  const std::string n = std::to_string(i + 1);
  const std::string path = "headers[" + std::to_string(i) + "]";
  const float width = FieldWidth(c) * 0.36f;
  ImGui::PushID(i);
  ImGui::SetNextItemWidth(width);
  if (c.state.TakeFocus(path + ".name")) FocusTextFieldHere();
  TextEdited(c, InputString("##name", "Name", row.name), path + ".name");
  CaretAtEndOnFocus();
  ProbeLabelLastItem(("Header " + n + " name").c_str());
  ProbeSetValue(row.name);
  const ImGuiID name_field = ImGui::GetItemID();
  EnterSubmits(c);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(width);
  bool stored = row.secret && !row.stored_name.empty() && row.name == row.stored_name;
  const bool retype = StoredSecretNeedsRetyping(row);
  const char* hint = stored   ? "stored — type to replace"
                     : retype ? "type the value again"
                              : "Value";
  TextEdited(c,
             InputString("##value", hint, row.value, row.secret ? ImGuiInputTextFlags_Password : 0),
             path + ".value");
  ProbeLabelLastItem(("Header " + n + " value").c_str());
  ProbeSetValue(row.secret ? SecretValueText(stored, !row.value.empty()) : row.value);
  const ImGuiID value_field = ImGui::GetItemID();
  EnterSubmits(c);
  ImGui::SameLine();
  if (ImGui::Checkbox("Secret", &row.secret)) c.state.Edited(path + ".value");
  ProbeLabelLastItem(("Header " + n + " secret").c_str());
  ImGui::SameLine();
  bool remove = ImGui::Button("Remove");
  ProbeLabelLastItem(("Remove header " + n).c_str());
  ImGui::PopID();
  if (stored) DrawStoredNote(row.name + ": " + StoredNote(c, SecretHeaderKey(row.stored_name)));
  Message("Header " + n + " name", c.state.ErrorFor(path + ".name"), name_field);
  Message("Header " + n + " value", c.state.ErrorFor(path + ".value"), value_field);
  if (retype) {
    ImGui::PushStyleColor(ImGuiCol_Text, kColorWarnText);
    LabelWrapped(("The stored secret value of header " + n +
                  " cannot be shown. Type it again to send it as plain text, or tick Secret to "
                  "keep the stored one.")
                     .c_str());
    ImGui::PopStyleColor();
  }
  return remove;
}

constexpr const char* kAddHeaderFocus = "headers.add";  // FocusField's name for the button

void DrawHeaders(Ctx& c) {
  ConnectorForm& f = c.state.Form();
  SectionHeading("Custom request headers");
  MutedText("Sent with every request. A secret value is stored encrypted and never shown again.");
  int remove = -1;
  for (int i = 0; i < static_cast<int>(f.headers.size()); ++i)
    if (DrawHeaderRow(c, i)) remove = i;
  if (remove >= 0) {
    f.headers.erase(f.headers.begin() + remove);
    c.state.Edited("headers");
    // The focus goes to a neighbour, not nowhere: the row that moved up, else "Add header".
    c.state.FocusField(remove < static_cast<int>(f.headers.size())
                           ? "headers[" + std::to_string(remove) + "].name"
                           : std::string(kAddHeaderFocus));
  }
  Message("Headers", c.state.ErrorFor("headers"));
  ImGui::BeginDisabled(f.headers.size() >= kMaxHeaders);
  if (c.state.TakeFocus(kAddHeaderFocus)) {
    ImGui::SetKeyboardFocusHere();
    ImGui::GetCurrentContext()->NavDisableHighlight = false;
  }
  if (ImGui::Button("Add header")) {
    f.headers.push_back({});
    c.state.Edited("headers");
    c.state.FocusField("headers[" + std::to_string(f.headers.size() - 1) + "].name");
  }
  ImGui::EndDisabled();
}

}  // namespace

FormActions DrawConnectorForm(ConnectorFormState& state, const UiFonts& fonts) {
  FormActions actions;
  Ctx c{state, fonts, actions};
  DrawConnection(c);
  DrawAuthentication(c);
  DrawHeaders(c);
  DrawConnectionSecurity(c);
  return actions;
}

}  // namespace datahub::web
