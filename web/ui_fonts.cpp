#include "ui_fonts.h"

#include "imgui.h"

namespace datahub::web {
namespace {

// Keep in step with assets/ui-glyphs.txt (the subset holds exactly these).
const ImWchar kUiGlyphRanges[] = {
    0x0020, 0x007E, 0x00A0, 0x00FF, 0x2013, 0x2014, 0x2018, 0x201D, 0x2022,
    0x2022, 0x2026, 0x2026, 0x2190, 0x2193, 0x2713, 0x2713, 0,
};

ImFont* AddInter(const std::vector<unsigned char>& font_file, float size_pixels) {
  ImFontConfig config;
  config.FontDataOwnedByAtlas = false;  // the caller keeps the bytes for every rebuild
  // Horizontal oversampling sharpens small text at fractional positions; 1x vertically
  // suffices because text sits on whole pixel rows.
  config.OversampleH = 2;
  config.OversampleV = 1;
  config.PixelSnapH = false;
  return ImGui::GetIO().Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(font_file.data()),
                                                    static_cast<int>(font_file.size()), size_pixels,
                                                    &config, kUiGlyphRanges);
}

ImFont* AddDefault(float size_pixels) {
  ImFontConfig config;
  config.SizePixels = size_pixels;
  return ImGui::GetIO().Fonts->AddFontDefault(&config);
}

}  // namespace

UiFonts BuildFonts(const std::vector<unsigned char>& font_file, float scale) {
  ImFontAtlas* atlas = ImGui::GetIO().Fonts;
  atlas->Clear();
  UiFonts fonts;
  fonts.scale = scale;
  if (!font_file.empty()) {
    fonts.body = AddInter(font_file, kBodyFontSize * scale);
    fonts.heading = AddInter(font_file, kHeadingFontSize * scale);
  }
  if (!fonts.body || !fonts.heading) {
    atlas->Clear();
    fonts.body = AddDefault(13.0f * scale);
    fonts.heading = fonts.body;
  }
  atlas->Build();
  return fonts;
}

}  // namespace datahub::web
