// The test probe of UI.md: records every item Dear ImGui submits each frame, through ImGui's own
// test-engine hooks (IMGUI_ENABLE_TEST_ENGINE), so tests find widgets by label as a person would.
// It stays in the shipped build; when nobody asks for items it costs a vector of small records.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct ImGuiContext;

namespace datahub::web {

// One item of a drawn frame. Coordinates are ImGui's (framebuffer pixels in the browser).
struct ProbeItem {
  std::string label;   // without any "##" suffix; empty for unlabelled items
  unsigned id = 0;     // ImGuiID
  std::string window;  // the window it was submitted in, without "##" suffix
  float x = 0, y = 0, w = 0, h = 0;
  // The visible part of the window (or table cell) it sits in: an item outside it is scrolled
  // away or hidden under something, and a person would scroll before clicking it.
  float clip_x = 0, clip_y = 0, clip_w = 0, clip_h = 0;
  bool focused = false;  // has keyboard focus: typed keys and Enter go to it (ImGui's nav id)
  bool Visible() const;  // the whole rectangle is inside the clip rectangle
};

class UiProbe {
 public:
  // Hooks into `ctx` (which must outlive neither the probe nor be shared with another probe).
  void Attach(ImGuiContext* ctx);
  void Detach();

  // Items of the last frame that was rendered, and how many frames were rendered.
  const std::vector<ProbeItem>& LastFrameItems() const { return m_last; }
  int FramesDrawn() const { return m_frames; }
  // The first labelled item of the last frame with this label, or nullptr.
  const ProbeItem* Find(std::string_view label) const;
  // The last frame's items as a JSON array, coordinates multiplied by `scale` then offset.
  std::string ItemsJson(float scale, float offset_x, float offset_y) const;

  // Called by the ImGui hooks (ui_probe.cpp); not for screens.
  void OnItemAdd(unsigned id, float x0, float y0, float x1, float y1, bool is_window);
  void OnItemInfo(unsigned id, const char* label);
  const char* DebugLabel(unsigned id) const;

 private:
  void OnNewFrame() { m_current.clear(); }
  void OnRendered();

  ImGuiContext* m_ctx = nullptr;
  unsigned m_hook_new_frame = 0;
  unsigned m_hook_render = 0;
  std::vector<ProbeItem> m_current;
  std::vector<ProbeItem> m_last;
  // Labels seen before, by id: ImGui names a widget only while it is visible, and a test must
  // still find a button that was scrolled away in order to scroll back to it.
  std::unordered_map<unsigned, std::string> m_known_labels;
  int m_frames = 0;
};

// Gives the last submitted item a label for the probe. ImGui reports labels of interactive
// widgets only; screens call this after text that tests (and people) read: headings, column
// headers, messages. Costs nothing when no probe is attached.
void ProbeLabelLastItem(const char* label);

}  // namespace datahub::web
