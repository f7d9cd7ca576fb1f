#include "ui_access.h"

#include <string>

namespace datahub::web {
namespace {

Role s_role = Role::Viewer;

}  // namespace

void SetScreenRole(Role role) {
  s_role = role;
}

Role ScreenRole() {
  return s_role;
}

bool Shows(Action action) {
  return May(action) || s_role != Role::Viewer;
}

void BeginAction(Action action) {
  ImGui::BeginDisabled(!May(action));
}

void EndAction(Action action) {
  ImGui::EndDisabled();
  if (!May(action) && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
    ImGui::SetTooltip("%s", role_needed_text(action).c_str());
}

}  // namespace datahub::web
