#include "ui_style.h"

namespace datahub::web {

void ApplyStyle(float scale) {
  ImGuiStyle style;
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(24, 20);
  style.FramePadding = ImVec2(10, 6);
  style.CellPadding = ImVec2(10, 7);
  style.ItemSpacing = ImVec2(10, 10);
  style.ItemInnerSpacing = ImVec2(8, 6);
  style.ScrollbarSize = 12;
  style.WindowRounding = 0;
  style.FrameRounding = 6;
  style.PopupRounding = 6;
  style.GrabRounding = 6;
  style.ScrollbarRounding = 6;
  style.WindowBorderSize = 0;
  style.FrameBorderSize = 1;

  ImVec4* c = style.Colors;
  const ImVec4 accent(0.15f, 0.39f, 0.92f, 1.0f);  // blue-600
  c[ImGuiCol_WindowBg] = ImVec4(0.976f, 0.980f, 0.984f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_Text] = ImVec4(0.067f, 0.094f, 0.153f, 1.0f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.39f, 0.45f, 0.55f, 1.0f);
  c[ImGuiCol_Border] = ImVec4(0.82f, 0.84f, 0.87f, 1.0f);
  c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_FrameBgHovered] = ImVec4(0.95f, 0.96f, 0.98f, 1.0f);
  c[ImGuiCol_FrameBgActive] = ImVec4(0.93f, 0.95f, 0.99f, 1.0f);
  // Plain buttons are quiet; the one primary action per screen is blue (ui_widgets.cpp).
  c[ImGuiCol_Button] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.95f, 0.96f, 0.98f, 1.0f);
  c[ImGuiCol_ButtonActive] = ImVec4(0.90f, 0.92f, 0.95f, 1.0f);
  c[ImGuiCol_Header] = ImVec4(0.93f, 0.95f, 0.99f, 1.0f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.89f, 0.92f, 0.99f, 1.0f);
  c[ImGuiCol_HeaderActive] = ImVec4(0.84f, 0.89f, 0.99f, 1.0f);
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.953f, 0.957f, 0.965f, 1.0f);
  c[ImGuiCol_TableBorderStrong] = ImVec4(0.82f, 0.84f, 0.87f, 1.0f);
  c[ImGuiCol_TableBorderLight] = ImVec4(0.90f, 0.91f, 0.93f, 1.0f);
  c[ImGuiCol_TableRowBg] = ImVec4(1, 1, 1, 1);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(0.98f, 0.98f, 0.99f, 1.0f);
  c[ImGuiCol_CheckMark] = accent;
  c[ImGuiCol_NavHighlight] = accent;

  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

}  // namespace datahub::web
