#include "field_labels.h"

#include <cassert>

namespace datahub::web {

const char* FieldCaption(std::string_view path) {
  for (const auto& [field, label] : kFieldLabels)
    if (field == path) return label.data();  // the table's literals end in '\0'
  assert(false && "a field the form draws has no label in kFieldLabels");
  return path.data();
}

}  // namespace datahub::web
