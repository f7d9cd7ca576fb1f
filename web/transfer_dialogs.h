// The Data Hub's Export and Import dialogs (docs/UI.md, "Export and Import"), drawn over the
// Data Hub from their view states (transfer_state.h).
#pragma once

#include "transfer_state.h"
#include "ui_fonts.h"

namespace datahub::web {

// Each opens when its state asks (Open) and closes on Cancel, Escape, or (Export) once the file
// was handed to the browser.
void DrawExportDialog(ExportDialogState& state, const UiFonts& fonts);
void DrawImportDialog(ImportDialogState& state, const UiFonts& fonts);

}  // namespace datahub::web
