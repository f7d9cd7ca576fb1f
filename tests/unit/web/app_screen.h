// A test fixture that runs the whole web App headless, signed in, against a FakePlatform: the
// frames, and clicks and keys by probe label, as the screen tests share them.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <string_view>

#include "api_client_http.h"
#include "app.h"
#include "fake_platform.h"
#include "headless_ui.h"
#include "imgui.h"

namespace datahub::web::testing {

class AppScreen : public ::testing::Test {
 protected:
  explicit AppScreen(float height) : ui{1280, height} {}

  void Start(const char* hash) {
    platform.hash = hash;
    app.SetFonts(ui.Fonts());
    app.Start();
    Frames();
  }
  void Frames(int n = 3) {
    for (int i = 0; i < n; ++i) {
      ui.Frame(draw);
      app.AfterRender();
    }
  }
  const ProbeItem* Item(std::string_view label) { return ui.Probe().Find(label); }
  bool Shows(std::string_view label) { return Item(label) != nullptr; }
  void Click(std::string_view label) {
    ASSERT_TRUE(ui.Click(label, draw)) << "no item " << label;
    Frames();
  }
  void TypeInto(std::string_view label, std::string_view text) {
    Click(label);
    ui.Type(text, draw);
    Frames();
  }
  void Press(ImGuiKey key, bool shift = false) {
    ImGuiIO& io = ImGui::GetIO();
    if (shift) io.AddKeyEvent(ImGuiMod_Shift, true);
    io.AddKeyEvent(key, true);
    Frames(1);
    io.AddKeyEvent(key, false);
    if (shift) io.AddKeyEvent(ImGuiMod_Shift, false);
    Frames();
  }
  // The message sits under its field: below it, above the next field.
  void ExpectUnder(std::string_view message, std::string_view field, std::string_view next) {
    const ProbeItem* m = Item(message);
    ASSERT_NE(m, nullptr) << "no message " << message;
    EXPECT_GT(m->y, Item(field)->y);
    EXPECT_LT(m->y, Item(next)->y);
  }

  HeadlessUi ui;
  FakePlatform platform;
  HttpApiClient api{platform};
  App app{platform, api};
  std::function<void()> draw = [this] { app.Draw(); };
};

}  // namespace datahub::web::testing
