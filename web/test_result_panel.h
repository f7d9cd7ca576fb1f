// The "Test connection" result (docs/UI.md, 6): each step with status, latency (or the timeout it
// ran into), redirects and where they led, the token's lifetime and scope, the problem by its
// title with the server's detail, the OAuth error once with what to check, the headers sent
// (secrets hidden, as the server sends them) and received, and the body (JSON indented, wrapped,
// copyable); a spinner while the test runs. `timeout_ms`: the tested settings' timeout; `outdated`:
// the form changed since.
#pragma once

#include <optional>

#include "api_connector_types.h"
#include "datahub/problem.h"
#include "ui_fonts.h"

namespace datahub::web {

// `run`: the count of tests started; each result (or error) is said to a screen reader once.
void DrawTestResultPanel(bool running, const std::optional<TestResult>& result,
                         const Problem* error, bool outdated, int timeout_ms, unsigned run,
                         const UiFonts& fonts);

// A small rotating arc, drawn where the next item would go. It turns with ImGui's clock, so it
// moves only while the app asks for frames: one every kSpinnerStepSeconds while a test runs.
void Spinner(float radius);
inline constexpr double kSpinnerStepSeconds = 1.0 / 30;  // smooth enough, half the GPU work

}  // namespace datahub::web
