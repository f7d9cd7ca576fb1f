// Small widgets the screens share, drawn with plain ImGui calls (so the probe sees them).
#pragma once

#include "datahub/problem.h"
#include "imgui.h"

namespace datahub::web {

// The screen's main action: a filled blue button. Returns true when clicked.
bool PrimaryButton(const char* label);
// A modal dialog centred on the screen, with a border and rounded corners (the style's windows
// have neither: screens fill the page). Call ImGui::EndPopup() when it returns true.
bool BeginDialog(const char* title);
// A full-window screen (no title bar) that stays behind toasts and dialogs when clicked: Begin()
// with the flags every screen uses. End() it like any window.
bool BeginScreen(const char* name);
// The next BeginScreen() takes the keyboard focus (after a click on the header bar).
void FocusScreenOnNextBegin();
// A boxed message for a problem that concerns the whole screen (e.g. backend unreachable),
// also said to a screen reader as an alert. A new `serial` says it again (the same refusal twice).
void ProblemBanner(const Problem& problem, unsigned serial = 0);
// Text in a muted colour, wrapped to the available width.
void MutedText(const char* text);
// Escape closes dialogs and menus but never edits a field: ImGui's text field would put back
// the text it had when it was entered (often blank). Call once a frame, before the screens.
void KeepFieldTextOnEscape();
// Escape with nothing to close (no dialog, menu or field being edited) leaves the focus where it
// is: ImGui's own Escape would drop it (a button) or move it to the list (a row), and the page's
// focus would fall to nowhere. Call once a frame, after the screens (the next frame's Escape).
void KeepFocusOnIdleEscape();
// Call before ImGui::NewFrame(). Enter or Space on the item that has the focus (the one the probe
// and the screen-reader mirror call focused) activates it, as in a browser after a click or on
// arrival; ImGui would only show its focus frame and wait for another key.
void ActivateFocusedOnEnterOrSpace();
// A screen moving the focus to a text field (a form opening, a row added): call before the field,
// then CaretAtEndOnFocus() after it, every frame. ImGui would select the whole text, and the
// first letter typed would replace it; the caret goes to the end instead, as a click there would.
void FocusTextFieldHere();
void CaretAtEndOnFocus();
// Text the probe reports by its content (see ProbeLabelLastItem).
void Label(const char* text);
void LabelColored(ImU32 color, const char* text);
void LabelWrapped(const char* text);

}  // namespace datahub::web
