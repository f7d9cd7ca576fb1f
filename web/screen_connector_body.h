// The body both connector screens share: the form on the left, the test result on the right,
// and a footer with "Test connection" and the submit button (Create or Save).
#pragma once

#include "connector_editor.h"
#include "ui_fonts.h"

namespace datahub::web {

// Draws the body in the remaining space; returns true when the user submitted (button or Enter).
bool DrawConnectorBody(ConnectorEditor& editor, const UiFonts& fonts, const char* submit_label);

// The modal that asks before leaving with unsaved changes. Returns true when the user chose to
// discard them (the caller then leaves to editor.PendingLeave()).
bool DrawLeaveQuestion(ConnectorEditor& editor);

}  // namespace datahub::web
