// The UI fonts: Inter (subset at build time, assets/ui-glyphs.txt) rasterized at the pixel size
// the screen needs, so text stays crisp at any devicePixelRatio.
#pragma once

#include <vector>

struct ImFont;

namespace datahub::web {

inline constexpr float kBodyFontSize = 15.0f;     // CSS pixels
inline constexpr float kHeadingFontSize = 24.0f;  // CSS pixels

struct UiFonts {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
  float scale = 1.0f;  // framebuffer pixels per CSS pixel the fonts were built for
};

// Rebuilds the current context's font atlas for `scale` (framebuffer pixels per CSS pixel).
// `font_file` must outlive the atlas; when it is empty, ImGui's built-in font stands in (tests).
// The renderer must re-upload the atlas texture afterwards.
UiFonts BuildFonts(const std::vector<unsigned char>& font_file, float scale);

}  // namespace datahub::web
