#include "toasts.h"

#include <algorithm>

#include "imgui.h"
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

constexpr ImU32 kSuccessFill = IM_COL32(240, 253, 244, 255);
constexpr ImU32 kSuccessBorder = IM_COL32(134, 239, 172, 255);
// The expiry frame comes a little late rather than a little early: a frame that finds the toast
// still valid would draw it again and need another wake.
constexpr double kExpiryMargin = 0.02;

}  // namespace

void Toasts::Show(std::string text, ToastKind kind) {
  m_toasts.push_back({std::move(text), kind, -1, ++m_serial});
  if (m_toasts.size() > 3) m_toasts.erase(m_toasts.begin());  // the newest matter
}

std::optional<double> Toasts::NextWakeIn(double now) const {
  std::optional<double> next;
  for (const Toast& t : m_toasts) {
    double in = t.shown_at < 0 ? kSeconds : t.shown_at + kSeconds - now;
    in = std::max(0.0, in) + kExpiryMargin;
    if (!next || in < *next) next = in;
  }
  return next;
}

void Toasts::Draw() {
  const double now = ImGui::GetTime();
  m_toasts.erase(std::remove_if(m_toasts.begin(), m_toasts.end(),
                                [now](const Toast& t) {
                                  return t.shown_at >= 0 && now - t.shown_at > kSeconds;
                                }),
                 m_toasts.end());
  if (m_toasts.empty()) return;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const ImGuiStyle& style = ImGui::GetStyle();
  ImVec2 corner(viewport->WorkPos.x + viewport->WorkSize.x - style.WindowPadding.x,
                viewport->WorkPos.y + viewport->WorkSize.y - style.WindowPadding.y);
  ImGui::SetNextWindowPos(corner, ImGuiCond_Always, ImVec2(1, 1));
  ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                           ImGuiWindowFlags_NoNav | ImGuiWindowFlags_NoInputs |
                           ImGuiWindowFlags_NoBackground;
  if (ImGui::Begin("##toasts", nullptr, flags)) {
    for (Toast& t : m_toasts) {
      if (t.shown_at < 0) t.shown_at = now;
      bool ok = t.kind == ToastKind::Success;
      ImGui::PushStyleColor(ImGuiCol_ChildBg, ok ? kSuccessFill : kColorErrorFill);
      ImGui::PushStyleColor(ImGuiCol_Border, ok ? kSuccessBorder : kColorErrorBorder);
      ImGui::PushID(static_cast<int>(t.serial));
      ImGui::BeginChild("##toast", ImVec2(0, 0),
                        ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeX |
                            ImGuiChildFlags_AutoResizeY | ImGuiChildFlags_AlwaysUseWindowPadding);
      LabelColored(ok ? kColorActive : kColorErrorText, t.text.c_str());
      // Announced once by screen readers; an error at once.
      ProbeSetRole(ok ? ProbeRole::Status : ProbeRole::Alert);
      ProbeSetSerial(t.serial);
      ImGui::EndChild();
      ImGui::PopID();
      ImGui::PopStyleColor(2);
    }
  }
  ImGui::End();
}

}  // namespace datahub::web
