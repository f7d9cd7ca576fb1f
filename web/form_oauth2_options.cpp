#include "form_oauth2_options.h"

#include <string>

#include "field_labels.h"
#include "imgui.h"
#include "ui_probe.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

// The key that signs the assertion: write-only like the client key (never shown or copied).
void PrivateKeyField(FormCtx& c) {
  SecretInput& key = c.state.Form().private_key;
  const char* caption = FieldCaption("auth.private_key");
  Caption(caption, true);
  if (key.stored) {
    ImGui::SameLine();
    DrawStoredNote(StoredNote(c, "auth.private_key"));
  }
  const ImGuiID field =
      PemBox(c, caption, "auth.private_key", key.text,
             key.stored ? "stored — paste to replace" : "-----BEGIN PRIVATE KEY-----",
             ImGuiInputTextFlags_Password);
  ProbeSetValue(SecretValueText(key.stored, !key.text.empty()));
  ProbeSetRequired();
  Message(caption, c.state.ErrorFor("auth.private_key"), field);
  ImGui::Spacing();
}

void DrawPrivateKeyJwt(FormCtx& c) {
  ConnectorForm& f = c.state.Form();
  PrivateKeyField(c);
  const char* alg = FieldCaption("auth.signing_alg");
  Caption(alg, false);
  ProbeBeginGroup(ProbeRole::RadioGroup, alg);
  for (SigningAlg option : {SigningAlg::RS256, SigningAlg::PS256, SigningAlg::ES256}) {
    if (option != SigningAlg::RS256) ImGui::SameLine();
    Choice(c, to_string(option), nullptr, f.signing_alg, option, "auth.signing_alg");
  }
  ProbeEndGroup();
  Message(alg, c.state.ErrorFor("auth.signing_alg"));
  ImGui::Spacing();
  TextField(c, FieldCaption("auth.key_id"), "auth.key_id", f.key_id, false,
            "sent as the assertion's kid");
}

}  // namespace

void DrawClientAuthentication(FormCtx& c) {
  ConnectorForm& f = c.state.Form();
  const char* caption = FieldCaption("auth.client_authentication");
  Caption(caption, false);
  ProbeBeginGroup(ProbeRole::RadioGroup, caption);
  Choice(c, "Basic header", nullptr, f.client_auth, ClientAuthentication::Basic,
         "auth.client_authentication");
  ImGui::SameLine();
  Choice(c, "Body", nullptr, f.client_auth, ClientAuthentication::Body,
         "auth.client_authentication");
  ImGui::SameLine();
  Choice(c, "Private key JWT", nullptr, f.client_auth, ClientAuthentication::PrivateKeyJwt,
         "auth.client_authentication");
  ProbeEndGroup();
  ImGui::Spacing();  // the same rhythm as under the text fields
  if (f.client_auth == ClientAuthentication::PrivateKeyJwt) DrawPrivateKeyJwt(c);
}

void DrawTokenOptions(FormCtx& c) {
  ConnectorForm& f = c.state.Form();
  TextField(c, FieldCaption("auth.token_field"), "auth.token_field", f.token_field, false,
            "/access_token");
  TextField(c, FieldCaption("auth.expires_field"), "auth.expires_field", f.expires_field, false,
            "/expires_in");
  const char* lifetime = FieldCaption("auth.default_lifetime_s");
  Caption(lifetime, false);
  ImGui::SetNextItemWidth(160 * c.fonts.scale);
  TextEdited(c, ImGui::InputInt("##auth.default_lifetime_s", &f.default_lifetime_s, 0, 0),
             "auth.default_lifetime_s");
  ProbeLabelLastItem(lifetime);
  ProbeSetValue(std::to_string(f.default_lifetime_s));
  const ImGuiID field = ImGui::GetItemID();
  EnterSubmits(c);
  Message(lifetime, c.state.ErrorFor("auth.default_lifetime_s"), field);
  ImGui::Spacing();
  // One text field for the list; each member's message (auth.expired_statuses[i]) shows under it.
  const char* statuses = FieldCaption("auth.expired_statuses");
  Caption(statuses, false);
  ImGui::SetNextItemWidth(FieldWidth(c));
  TextEdited(c, InputString("##auth.expired_statuses", "401, 403", f.expired_statuses),
             "auth.expired_statuses");
  CaretAtEndOnFocus();
  ProbeLabelLastItem(statuses);
  ProbeSetValue(f.expired_statuses);
  const ImGuiID list = ImGui::GetItemID();
  EnterSubmits(c);
  for (const FieldError& e : c.state.ErrorsUnder("auth.expired_statuses"))
    Message(statuses, e.message, list);
  ImGui::Spacing();
}

}  // namespace datahub::web
