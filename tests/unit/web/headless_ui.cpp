#include "headless_ui.h"

#include <vector>

#include "imgui.h"
#include "ui_style.h"

namespace datahub::web::testing {
namespace {
const std::vector<unsigned char> kNoFontFile;  // ImGui's built-in font: no file needed
}

HeadlessUi::HeadlessUi(float width, float height) {
  m_ctx = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = ImVec2(width, height);
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
  m_fonts = BuildFonts(kNoFontFile, 1.0f);
  ApplyStyle(1.0f);
  // No renderer: the atlas texture only needs an id for ImGui to accept it.
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
  m_probe.Attach(m_ctx);
}

HeadlessUi::~HeadlessUi() {
  m_probe.Detach();
  ImGui::DestroyContext(m_ctx);
}

void HeadlessUi::Frame(const std::function<void()>& draw) {
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = m_next_delta;
  m_next_delta = 1.0f / 60.0f;
  ImGui::NewFrame();
  draw();
  ImGui::Render();
}

void HeadlessUi::Wait(double seconds, const std::function<void()>& draw) {
  m_next_delta = static_cast<float>(seconds);
  Frame(draw);
}

void HeadlessUi::Frames(int count, const std::function<void()>& draw) {
  for (int i = 0; i < count; ++i) Frame(draw);
}

bool HeadlessUi::Click(std::string_view label, const std::function<void()>& draw) {
  const ProbeItem* item = m_probe.Find(label);
  if (!item) return false;
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(item->x + item->w / 2, item->y + item->h / 2);
  Frame(draw);
  io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
  Frame(draw);
  io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
  Frame(draw);
  return true;
}

void HeadlessUi::Type(std::string_view text, const std::function<void()>& draw) {
  ImGuiIO& io = ImGui::GetIO();
  for (char c : text) {
    io.AddInputCharacter(static_cast<unsigned char>(c));
    Frame(draw);
  }
}

}  // namespace datahub::web::testing
