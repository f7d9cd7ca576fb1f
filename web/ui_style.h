// The look of the Data Hub: a light theme with room to breathe, scaled to the screen.
#pragma once

#include "datahub/connector_health.h"
#include "imgui.h"

namespace datahub::web {

// Replaces the current style with the Data Hub theme, sizes multiplied by `scale`.
void ApplyStyle(float scale);

// Colours the screens use for meaning (status, errors), beyond ImGui's own style colours.
inline constexpr ImU32 kColorActive = IM_COL32(21, 128, 61, 255);
inline constexpr ImU32 kColorDisabled = IM_COL32(100, 116, 139, 255);
inline constexpr ImU32 kColorMuted = IM_COL32(100, 116, 139, 255);
inline constexpr ImU32 kColorWarnText = IM_COL32(146, 64, 14, 255);  // amber: act before it fails
inline constexpr ImU32 kColorErrorText = IM_COL32(153, 27, 27, 255);
// A connector's health: green ok, red failing, grey unknown (the Health column, the health line).
inline ImU32 HealthColor(HealthState state) {
  return state == HealthState::Ok        ? kColorActive
         : state == HealthState::Failing ? kColorErrorText
                                         : kColorMuted;
}
inline constexpr ImU32 kColorErrorFill = IM_COL32(254, 242, 242, 255);
inline constexpr ImU32 kColorErrorBorder = IM_COL32(252, 165, 165, 255);

}  // namespace datahub::web
