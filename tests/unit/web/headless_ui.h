// An ImGui context with no renderer, sized like a browser window, fonts built, the test probe
// attached: screens draw into it and tests click and type through ImGui's input events.
#pragma once

#include <functional>
#include <string_view>

#include "ui_fonts.h"
#include "ui_probe.h"

struct ImGuiContext;

namespace datahub::web::testing {

class HeadlessUi {
 public:
  explicit HeadlessUi(float width = 1280, float height = 800);
  ~HeadlessUi();
  HeadlessUi(const HeadlessUi&) = delete;
  HeadlessUi& operator=(const HeadlessUi&) = delete;

  // Draws one frame with `draw` between NewFrame and Render.
  void Frame(const std::function<void()>& draw);
  // Lets `seconds` of ImGui time pass (no real waiting), then draws one frame: what a timer the
  // app asked for (Platform::WakeAfter) brings in the browser.
  void Wait(double seconds, const std::function<void()>& draw);
  // Draws a few frames (ImGui settles layout over two).
  void Frames(int count, const std::function<void()>& draw);
  // Moves the mouse to the item's centre and clicks; false when no such item was drawn.
  bool Click(std::string_view label, const std::function<void()>& draw);
  void Type(std::string_view text, const std::function<void()>& draw);

  const UiProbe& Probe() const { return m_probe; }
  UiProbe& Probe() { return m_probe; }  // the mirror remembers what it last gave
  const UiFonts& Fonts() const { return m_fonts; }

 private:
  float m_next_delta = 1.0f / 60.0f;  // seconds since the last frame, for the next one
  ImGuiContext* m_ctx = nullptr;
  UiProbe m_probe;
  UiFonts m_fonts;
};

}  // namespace datahub::web::testing
