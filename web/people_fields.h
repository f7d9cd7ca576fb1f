// The fields of the people screens (Sign in, the first administrator, Users, API tokens): a
// caption, a text field labelled by it for the probe and the screen-reader mirror, and the
// message under it. Enter in a field submits its form.
#pragma once

#include <string>

#include "imgui.h"
#include "session_state.h"

namespace datahub::web {

struct FieldSpec {
  const char* caption;  // "Username": the words above the field, its probe label
  const char* name;     // the form's (and the API's) field name: "username"
  bool secret = false;  // masked; a screen reader hears only whether something is typed
  float width = 0;      // 0: the whole line
};

// Draws one field of `form`. Returns true when Enter was pressed in it. The form's first field
// takes the focus while form.focus_first is set (cleared by the caller after the frame).
bool FormField(PeopleForm& form, const FieldSpec& spec, bool first = false);
// A refusal of the whole form, if any (a banner).
void FormProblem(const PeopleForm& form);
// Escape pressed with no field being edited, or while one is: the dialog's own way out.
bool EscapePressed();

}  // namespace datahub::web
