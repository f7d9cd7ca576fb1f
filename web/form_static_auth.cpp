#include "form_static_auth.h"

#include "field_labels.h"
#include "imgui.h"
#include "ui_probe.h"

namespace datahub::web {
namespace {

void DrawApiKey(FormCtx& c) {
  ConnectorForm& f = c.state.Form();
  Caption(FieldCaption("auth.in"), false);
  ProbeBeginGroup(ProbeRole::RadioGroup, FieldCaption("auth.in"));
  Choice(c, "Header", nullptr, f.api_key_in, ApiKeyLocation::Header, "auth.in");
  ImGui::SameLine();
  Choice(c, "Query parameter", nullptr, f.api_key_in, ApiKeyLocation::Query, "auth.in");
  ProbeEndGroup();
  ImGui::Spacing();
  const bool header = f.api_key_in == ApiKeyLocation::Header;
  TextField(c, FieldCaption("auth.name"), "auth.name", f.api_key_name, true,
            header ? "e.g. X-API-Key" : "e.g. api_key");
  SecretField(c, FieldCaption("auth.value"), "auth.value", f.api_key_value);
}

void DrawBasic(FormCtx& c) {
  ConnectorForm& f = c.state.Form();
  TextField(c, FieldCaption("auth.username"), "auth.username", f.basic_username, true);
  SecretField(c, FieldCaption("auth.password"), "auth.password", f.basic_password);
}

void DrawBearer(FormCtx& c) {
  SecretField(c, FieldCaption("auth.token"), "auth.token", c.state.Form().bearer_token);
}

}  // namespace

void DrawStaticAuth(FormCtx& c) {
  switch (c.state.Form().auth) {
    case AuthMethod::ApiKey:
      return DrawApiKey(c);
    case AuthMethod::Basic:
      return DrawBasic(c);
    case AuthMethod::Bearer:
      return DrawBearer(c);
    case AuthMethod::None:
    case AuthMethod::OAuth2:
      return;
  }
}

}  // namespace datahub::web
