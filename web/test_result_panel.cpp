#include "test_result_panel.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "certificate_view.h"
#include "imgui.h"
#include "imgui_internal.h"  // ImHashStr
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

std::string StepTitle(const TestStep& step) {
  if (step.name == "token") return "Token request";
  if (step.name == "request") return "Request";
  return step.name;
}

// What to check for each OAuth 2.0 error code a token endpoint answers (RFC 6749, 5.2).
constexpr std::pair<std::string_view, std::string_view> kOAuthHints[] = {
    {"invalid_client",
     "Check the client ID, the client secret and the client authentication (Basic header or "
     "Body)."},
    {"invalid_grant", "Check the username and the password, and the grant type."},
    {"unauthorized_client",
     "This client may not use this grant type: check the grant type with the identity "
     "provider."},
    {"unsupported_grant_type",
     "The token endpoint does not offer this grant type: check the grant type."},
    {"invalid_scope", "Check the scope, the audience and the resource."},
    {"invalid_request",
     "Check the token request format, the client authentication and the extra parameters."},
};

std::string_view OAuthHint(const std::string& code) {
  for (const auto& [c, hint] : kOAuthHints)
    if (c == code) return hint;
  return {};
}

// "✓ HTTP 200 · 40 ms", "× HTTP 401 · 12 ms", or without an answer "× No answer within the
// 3000 ms timeout" (there is no latency to show then).
std::string StepSummary(const TestStep& step, int timeout_ms) {
  std::string s = step.ok ? "✓ " : "× ";
  if (step.status.value_or(0) <= 0) {
    if (step.problem == "upstream-timeout" && timeout_ms > 0)
      return s + "No answer within the " + std::to_string(timeout_ms) + " ms timeout";
    return s + "No answer";
  }
  char latency[32];
  std::snprintf(latency, sizeof latency, " · %.0f ms", step.latency_ms.value_or(0));
  return s + "HTTP " + std::to_string(*step.status) + latency;
}

// Values as the server sent them: secrets already "***" (request) or masked (response).
void DrawHeadersTable(const char* title, const char* id,
                      const std::map<std::string, std::string>& headers) {
  if (headers.empty()) return;
  Label(title);
  // One line a header, "name  value", instead of an ImGui table: a two-column table drawn in the
  // connector body's child laid out NaN positions on its first frame (UBSan, imgui.cpp:5734).
  ImGui::PushID(id);
  ImGui::Indent();
  for (const auto& [name, value] : headers) {
    LabelColored(kColorMuted, name.c_str());
    ImGui::SameLine();
    LabelWrapped(value.c_str());
  }
  ImGui::Unindent();
  ImGui::PopID();
}

// JSON is indented to be read; anything else (or a cut-off JSON) is shown as it came.
std::string Readable(const std::string& body) {
  nlohmann::json doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !(doc.is_object() || doc.is_array())) return body;
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

// The body, wrapped line by line in a scrolling box, with a button that copies it whole. `run`:
// the test it came from.
void DrawBody(const TestStep& step, unsigned run, float scale) {
  if (step.body_preview.value_or("").empty()) return;
  Label(step.body_truncated.value_or(false) ? "Body (first bytes)" : "Body");
  ImGui::SameLine();
  const std::string text = Readable(*step.body_preview);
  // "Copied" stays beside the button for the result it copied (until the next test), and is
  // said at each click.
  ImGuiStorage* storage = ImGui::GetStateStorage();
  const ImGuiID copied_id = ImGui::GetID("##copied");  // which body of which run was copied
  const ImGuiID copies_id = ImGui::GetID("##copies");  // clicks so far
  const int hash = static_cast<int>(ImHashStr(text.c_str(), 0, run));
  if (ImGui::SmallButton("Copy body")) {
    ImGui::SetClipboardText(text.c_str());
    storage->SetInt(copied_id, hash);
    storage->SetInt(copies_id, storage->GetInt(copies_id) + 1);
  }
  const int copies = storage->GetInt(copies_id);
  if (copies > 0 && storage->GetInt(copied_id) == hash) {
    ImGui::SameLine();
    LabelColored(kColorActive, "Copied");
    ProbeAnnounce("copied." + std::to_string(copies), "Body copied to the clipboard");
  }
  const float lines = static_cast<float>(std::count(text.begin(), text.end(), '\n') + 1);
  const float height = std::min(
      lines * ImGui::GetTextLineHeight() + ImGui::GetStyle().WindowPadding.y * 2, 220 * scale);
  ImGui::BeginChild("##body", ImVec2(-1, height), ImGuiChildFlags_Border,
                    ImGuiWindowFlags_NavFlattened);
  ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 0));
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    LabelWrapped(text.substr(start, end - start).c_str());
    start = end + 1;
  }
  ImGui::PopStyleVar();
  ImGui::EndChild();
}

void ErrorLine(const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, kColorErrorText);
  LabelWrapped(text.c_str());
  ImGui::PopStyleColor();
}

// How the answer came: "HTTP/2 · 1 attempt · direct" (or "· via proxy http://proxy:3128"), and
// over TLS its version and the server's certificate. Absent when the server did not say (a step
// that got no answer).
void DrawConnectionDetails(const TestStep& step) {
  const std::string http_version = step.http_version.value_or("");
  const int attempts = step.attempts.value_or(0);
  if (http_version.empty() && attempts == 0) return;
  std::string how;
  if (!http_version.empty()) how = "HTTP/" + http_version + " · ";
  if (attempts > 0)
    how += std::to_string(attempts) + (attempts == 1 ? " attempt · " : " attempts · ");
  const std::string via_proxy = step.via_proxy.value_or("");
  how += via_proxy.empty() ? "direct" : "via proxy " + via_proxy;
  MutedText(how.c_str());
  if (!step.tls || step.tls->version.empty()) return;
  MutedText(("TLS: " + step.tls->version).c_str());
  if (!step.tls->peer_subject.empty())
    DescribeCertificate({step.tls->peer_subject, step.tls->peer_issuer, step.tls->peer_not_after},
                        "Server certificate");
}

// What the token endpoint granted: "Bearer token · expires in 3600 s", and its scope.
void DrawGrant(const TestStep& step) {
  if (!step.token_type && !step.expires_in) return;
  std::string grant = step.token_type.value_or("Access") + " token";
  if (step.expires_in) grant += " · expires in " + std::to_string(*step.expires_in) + " s";
  MutedText(grant.c_str());
  if (step.scope && !step.scope->empty()) MutedText(("Scope: " + *step.scope).c_str());
}

// A block of text (a token request's body, a token answer's preview) line by line, wrapped, in
// the probe's items like the rest of the panel. JSON is indented to be read.
void DrawTextBlock(const std::string& body) {
  const std::string text = Readable(body);
  ImGui::Indent();
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    LabelWrapped(text.substr(start, end - start).c_str());
    start = end + 1;
  }
  ImGui::Unindent();
}

// The token step's exchange, as the server redacted it: the grant, then the request (method and
// URL, headers, body) and the answer (status, headers, preview), folded under one header so
// the step stays short until asked.
void DrawTokenExchange(const TestStep& step) {
  if (!step.grant && !step.request && !step.response) return;
  if (!ImGui::CollapsingHeader("Token exchange (secrets hidden)")) return;
  ImGui::Indent();
  if (step.grant) MutedText(("Grant: " + *step.grant).c_str());
  if (step.request) {
    const TokenExchangeRequest& r = *step.request;
    Label(("Sent: " + r.method + " " + r.url).c_str());
    DrawHeadersTable("Token request headers", "##token-sent", r.headers);
    if (!r.body.empty()) {
      Label("Token request body");
      DrawTextBlock(r.body);
    }
  }
  if (step.response) {
    const TokenExchangeResponse& r = *step.response;
    Label(("Answer: HTTP " + std::to_string(r.status)).c_str());
    DrawHeadersTable("Token response headers", "##token-received", r.headers);
    if (!r.body_preview.empty()) {
      Label("Token response body");
      DrawTextBlock(r.body_preview);
    }
  }
  ImGui::Unindent();
}

// The problem of a failed step by its title ("Upstream timeout"), with its short name, so the
// kind of failure is named apart from the server's sentence (the detail, shown below it).
void DrawProblemTitle(const TestStep& step) {
  if (!step.problem || step.problem->empty()) return;
  const auto type = problem_type_from_name(*step.problem);
  const std::string title = type ? std::string(problem_title(*type)) : *step.problem;
  LabelColored(kColorErrorText, ("Problem: " + title + " (" + *step.problem + ")").c_str());
}

void DrawStep(const TestStep& step, int timeout_ms, unsigned run, float scale) {
  ImGui::PushID(step.name.c_str());
  ImGui::Separator();
  Label(StepTitle(step).c_str());
  ImGui::SameLine();
  LabelColored(step.ok ? kColorActive : kColorErrorText, StepSummary(step, timeout_ms).c_str());
  if (step.url && !step.url->empty())
    MutedText((step.method.value_or("") + " " + *step.url).c_str());
  if (const int redirects = step.redirects.value_or(0); redirects > 0) {
    std::string moved = "Followed " + std::to_string(redirects) +
                        (redirects == 1 ? " redirect" : " redirects") + " to " +
                        step.final_url.value_or("");
    LabelColored(kColorWarnText, moved.c_str());
  }
  DrawConnectionDetails(step);
  DrawGrant(step);
  DrawProblemTitle(step);
  // An OAuth error is said once, with what to check; the server's sentence repeats it.
  if (const std::string oauth_error = step.oauth_error.value_or(""); !oauth_error.empty()) {
    std::string oauth = "OAuth error: " + oauth_error;
    if (!step.oauth_error_description.value_or("").empty())
      oauth += " — " + *step.oauth_error_description;
    ErrorLine(oauth);
    if (std::string_view hint = OAuthHint(oauth_error); !hint.empty())
      MutedText(std::string(hint).c_str());
  } else if (!step.error.value_or("").empty()) {
    ErrorLine(*step.error);
  }
  DrawTokenExchange(step);
  DrawHeadersTable("Request headers (secrets hidden)", "##sent",
                   step.request_headers.value_or(std::map<std::string, std::string>{}));
  DrawHeadersTable("Response headers", "##headers",
                   step.headers.value_or(std::map<std::string, std::string>{}));
  DrawBody(step, run, scale);
  ImGui::PopID();
}

// What a failed test ran into, in words a screen reader says: each failed step, its answer,
// the OAuth error and what to check, or the error.
std::string FailureReason(const TestResult& result, int timeout_ms) {
  std::string reason;
  for (const TestStep& step : result.steps) {
    if (step.ok) continue;
    std::string summary = StepSummary(step, timeout_ms);
    summary.erase(0, summary.find(' ') + 1);  // the "×" mark
    reason += " " + StepTitle(step) + ": " + summary + ".";
    if (const std::string oauth_error = step.oauth_error.value_or(""); !oauth_error.empty()) {
      reason += " OAuth error: " + oauth_error;
      if (!step.oauth_error_description.value_or("").empty())
        reason += " — " + *step.oauth_error_description;
      reason += ".";
      if (std::string_view hint = OAuthHint(oauth_error); !hint.empty())
        reason += " " + std::string(hint);
    } else if (!step.error.value_or("").empty()) {
      std::string error = *step.error;  // the server's words start a sentence here
      error[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(error[0])));
      reason += " " + error;
      if (error.back() != '.') reason += '.';
    }
  }
  return reason;
}

}  // namespace

void Spinner(float radius) {
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 centre(pos.x + radius, pos.y + ImGui::GetTextLineHeight() * 0.5f);
  float start = static_cast<float>(ImGui::GetTime()) * 6.0f;
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->PathArcTo(centre, radius, start, start + 4.5f, 24);
  draw->PathStroke(ImGui::GetColorU32(ImGuiCol_ButtonActive), 0, radius * 0.35f);
  ImGui::Dummy(ImVec2(radius * 2, ImGui::GetTextLineHeight()));
}

void DrawTestResultPanel(bool running, const std::optional<TestResult>& result,
                         const Problem* error, bool outdated, int timeout_ms, unsigned run,
                         const UiFonts& fonts) {
  Label("Connection test");
  ProbeSetRole(ProbeRole::Heading, 2);
  if (running) {
    Spinner(7 * fonts.scale);
    ImGui::SameLine();
    Label("Testing the connection…");
    ProbeSetRole(ProbeRole::Status);
    return;
  }
  if (error) return ProblemBanner(*error, run);
  if (!result) {
    MutedText(
        "Test connection asks the token endpoint (OAuth 2.0) and then the base URL, and "
        "shows what they answered.");
    return;
  }
  if (outdated) {
    // Kept to compare with, but plainly not about the settings on screen.
    LabelColored(kColorWarnText, result->ok
                                     ? "Outdated: the connection worked with earlier settings"
                                     : "Outdated: the connection failed with earlier settings");
    MutedText("The settings changed since this test. Run Test connection again to check them.");
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.55f);
  } else {
    LabelColored(result->ok ? kColorActive : kColorErrorText,
                 result->ok ? "Connection works" : "Connection failed");
    // Announced once, when the result comes; a failure with its reason, not just "failed".
    ProbeAnnounce("test." + std::to_string(run),
                  result->ok ? "Connection works"
                             : "Connection failed." + FailureReason(*result, timeout_ms));
  }
  for (const TestStep& step : result->steps) DrawStep(step, timeout_ms, run, fonts.scale);
  if (outdated) ImGui::PopStyleVar();
}

}  // namespace datahub::web
