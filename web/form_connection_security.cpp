// [SECTION] Sections: open state
// [SECTION] Connection security (PEM boxes and what the server read in them)
// [SECTION] Proxy
// [SECTION] Retries and rate limit
#include "form_connection_security.h"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "certificate_view.h"
#include "field_labels.h"
#include "imgui.h"
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

// [SECTION] Sections: open state

bool AnyError(const FormCtx& c, std::initializer_list<const char*> paths) {
  for (const char* path : paths)
    if (!c.state.ErrorFor(path).empty()) return true;
  return false;
}

// A collapsing section: open on arrival when something in it is set, and always while a message
// in it shows (an error is never folded away).
bool BeginSection(FormCtx& c, const char* title, const std::string& key, bool has_error) {
  if (has_error)
    ImGui::SetNextItemOpen(true, ImGuiCond_Always);
  else if (c.state.TakeSectionDefault(key))
    ImGui::SetNextItemOpen(c.state.SectionHasSettings(key), ImGuiCond_Always);
  if (!ImGui::CollapsingHeader(title)) return false;
  ImGui::Indent();
  return true;
}

void EndSection() {
  ImGui::Spacing();
  ImGui::Unindent();
}

// [SECTION] Connection security

// What a screen reader hears of a PEM box: its full text would be a wall of base64.
std::string PemSummary(std::string_view pem) {
  if (pem.empty()) return "not set";
  std::size_t count = 0;
  for (auto at = pem.find("-----BEGIN CERTIFICATE-----"); at != std::string_view::npos;
       at = pem.find("-----BEGIN CERTIFICATE-----", at + 1))
    ++count;
  if (count == 0) return "text that is not a PEM certificate";
  return std::to_string(count) + (count == 1 ? " PEM certificate" : " PEM certificates");
}

// A certificate box, then what the server read in the stored PEM (or that it reads it on save).
void CertificateField(FormCtx& c, const char* caption, const std::string& path, std::string& pem,
                      const std::vector<CertificateInfo>& described) {
  Caption(caption, false);
  const ImGuiID field = PemBox(c, caption, path, pem, "-----BEGIN CERTIFICATE-----");
  ProbeSetValue(PemSummary(pem));
  Message(caption, c.state.ErrorFor(path), field);
  for (const CertificateInfo& cert : described) DescribeCertificate(cert, "Subject");
  if (described.empty() && !pem.empty() && c.state.ErrorFor(path).empty())
    MutedText("Its subject and expiry show here once saved.");
  ImGui::Spacing();
}

// The client key: write-only like every secret (never shown, never copied); a stored one reads
// "stored — paste to replace".
void ClientKeyField(FormCtx& c) {
  ConnectorForm& f = c.state.Form();
  const bool required = !f.client_cert_pem.empty();
  Caption(FieldCaption("tls.client_key_pem"), required);
  if (f.client_key_pem.stored) {
    ImGui::SameLine();
    DrawStoredNote(StoredNote(c, "tls.client_key_pem"));
  }
  const char* hint =
      f.client_key_pem.stored ? "stored — paste to replace" : "-----BEGIN PRIVATE KEY-----";
  const ImGuiID field = PemBox(c, FieldCaption("tls.client_key_pem"), "tls.client_key_pem",
                               f.client_key_pem.text, hint, ImGuiInputTextFlags_Password);
  ProbeSetValue(SecretValueText(f.client_key_pem.stored, !f.client_key_pem.text.empty()));
  if (required) ProbeSetRequired();
  Message(FieldCaption("tls.client_key_pem"), c.state.ErrorFor("tls.client_key_pem"), field);
  // A key goes with its certificate: without one, the server keeps none (secret_fields.h).
  if (f.client_cert_pem.empty() && !f.client_key_pem.text.empty())
    MutedText("A key is saved only with a client certificate.");
  else if (f.client_cert_pem.empty() && f.client_key_pem.stored)
    MutedText("Without a client certificate, the stored key is removed on save.");
  ImGui::Spacing();
}

void DrawTls(FormCtx& c) {
  ConnectorForm& f = c.state.Form();
  if (!BeginSection(c, "Connection security", "tls",
                    AnyError(c, {"tls.ca_pem", "tls.client_cert_pem", "tls.client_key_pem"})))
    return;
  MutedText(
      "PEM text, pasted. The CA certificate is trusted besides the system's; the client "
      "certificate and its key are presented when a server asks (mutual TLS).");
  const auto* ca = c.state.DescribedCa();
  CertificateField(c, FieldCaption("tls.ca_pem"), "tls.ca_pem", f.ca_pem,
                   ca ? *ca : std::vector<CertificateInfo>{});
  const CertificateInfo* client = c.state.DescribedClientCert();
  CertificateField(c, FieldCaption("tls.client_cert_pem"), "tls.client_cert_pem", f.client_cert_pem,
                   client ? std::vector<CertificateInfo>{*client} : std::vector<CertificateInfo>{});
  ClientKeyField(c);
  EndSection();
}

// [SECTION] Proxy

// The proxy password is optional: a stored one can be removed, not only replaced. The choice
// can be taken back until saved.
void ClearStoredPassword(FormCtx& c) {
  SecretInput& password = c.state.Form().proxy_password;
  if (!password.stored || !password.text.empty()) return;
  if (ImGui::SmallButton(password.clear ? "Keep the stored password"
                                        : "Remove the stored password")) {
    password.clear = !password.clear;
    c.state.Edited("proxy.password");
  }
  ImGui::Spacing();
}

void DrawProxy(FormCtx& c) {
  ConnectorForm& f = c.state.Form();
  if (!BeginSection(c, "Proxy", "proxy",
                    AnyError(c, {"proxy.mode", "proxy.url", "proxy.username", "proxy.password"})))
    return;
  // The radios' texts are short; their probe labels say what they choose on their own.
  // Named apart from the section heading "Proxy": tests and people find items by name.
  ProbeBeginGroup(ProbeRole::RadioGroup, "Proxy mode");
  Choice(c, "Server default", nullptr, f.proxy_mode, ProxyMode::Server, "proxy.mode");
  ImGui::SameLine();
  Choice(c, "None##proxy", "No proxy", f.proxy_mode, ProxyMode::None, "proxy.mode");
  ImGui::SameLine();
  Choice(c, "Custom##proxy", "Custom proxy", f.proxy_mode, ProxyMode::Custom, "proxy.mode");
  ProbeEndGroup();
  Message("Proxy", c.state.ErrorFor("proxy.mode"));
  switch (f.proxy_mode) {
    case ProxyMode::Server:
      MutedText("The server's proxy settings (a direct connection when it has none).");
      break;
    case ProxyMode::None:
      MutedText("A direct connection, even when the server has a proxy.");
      break;
    case ProxyMode::Custom:
      ImGui::Spacing();
      TextField(c, FieldCaption("proxy.url"), "proxy.url", f.proxy_url, true,
                "http://proxy.example.com:3128");
      TextField(c, FieldCaption("proxy.username"), "proxy.username", f.proxy_username);
      SecretField(c, FieldCaption("proxy.password"), "proxy.password", f.proxy_password,
                  /*required=*/false);
      ClearStoredPassword(c);
      break;
  }
  EndSection();
}

// [SECTION] Retries and rate limit

// A number typed as text ("" = none) in a narrow box, labelled by the caption drawn above it.
ImGuiID NumberBox(FormCtx& c, const char* caption, const std::string& path, std::string& text,
                  const char* hint) {
  ImGui::SetNextItemWidth(150 * c.fonts.scale);
  TextEdited(c, InputString(("##" + path).c_str(), hint, text, ImGuiInputTextFlags_CharsDecimal),
             path);
  ProbeLabelLastItem(caption);
  ProbeSetValue(text);
  const ImGuiID field = ImGui::GetItemID();
  EnterSubmits(c);
  return field;
}

void DrawMaxAttempts(FormCtx& c) {
  ConnectorForm& f = c.state.Form();
  Caption(FieldCaption("retry.max_attempts"), false);
  ImGui::SetNextItemWidth(80 * c.fonts.scale);
  TextEdited(c, ImGui::InputInt("##retry.max_attempts", &f.max_attempts, 0, 0),
             "retry.max_attempts");
  ProbeLabelLastItem("Max attempts");
  ProbeSetValue(std::to_string(f.max_attempts));
  const ImGuiID field = ImGui::GetItemID();
  EnterSubmits(c);
  ImGui::SameLine();
  MutedText("1 to 5; 1 = no retry. Only GET, HEAD, PUT, DELETE and OPTIONS are retried.");
  Message(FieldCaption("retry.max_attempts"), c.state.ErrorFor("retry.max_attempts"), field);
  ImGui::Spacing();
}

// Two boxes side by side, each under its caption: captions on one line, boxes on the next, so
// both rows line up (groups side by side would not share a text baseline).
void DrawRateLimit(FormCtx& c) {
  ConnectorForm& f = c.state.Form();
  const float left = ImGui::GetCursorPosX();
  const float column = left + 150 * c.fonts.scale + ImGui::GetStyle().ItemSpacing.x * 2;
  Caption(FieldCaption("rate_limit.requests_per_second"), false);
  ImGui::SameLine(column);
  Caption(FieldCaption("rate_limit.burst"), false);
  const ImGuiID rate =
      NumberBox(c, FieldCaption("rate_limit.requests_per_second"), "rate_limit.requests_per_second",
                f.requests_per_second, "no limit");
  ImGui::SameLine(column);
  const ImGuiID burst =
      NumberBox(c, FieldCaption("rate_limit.burst"), "rate_limit.burst", f.burst, "as the rate");
  Message(FieldCaption("rate_limit.requests_per_second"),
          c.state.ErrorFor("rate_limit.requests_per_second"), rate);
  Message(FieldCaption("rate_limit.burst"), c.state.ErrorFor("rate_limit.burst"), burst);
}

void DrawLimits(FormCtx& c) {
  if (!BeginSection(c, "Retries and rate limit", "limits",
                    AnyError(c, {"retry.max_attempts", "rate_limit.requests_per_second",
                                 "rate_limit.burst"})))
    return;
  DrawMaxAttempts(c);
  DrawRateLimit(c);
  EndSection();
}

}  // namespace

void DrawConnectionSecurity(FormCtx& c) {
  ImGui::Spacing();
  ImGui::Spacing();
  DrawTls(c);
  DrawProxy(c);
  DrawLimits(c);
}

}  // namespace datahub::web
