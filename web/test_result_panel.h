// The "Test connection" result (UI.md, 6): each step with status, latency, the OAuth error, the
// response headers and the first bytes of the body; a spinner while the test runs.
#pragma once

#include <optional>

#include "api_connector_types.h"
#include "datahub/problem.h"
#include "ui_fonts.h"

namespace datahub::web {

void DrawTestResultPanel(bool running, const std::optional<TestResult>& result,
                         const Problem* error, bool outdated, const UiFonts& fonts);

// A small rotating arc, drawn where the next item would go. It turns with ImGui's clock, so it
// moves only while the app asks for frames: one every kSpinnerStepSeconds while a test runs.
void Spinner(float radius);
inline constexpr double kSpinnerStepSeconds = 1.0 / 30;  // smooth enough, half the GPU work

}  // namespace datahub::web
