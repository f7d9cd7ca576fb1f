// The History tab's words for what the API's history records: field paths such as
// "auth.client_id" or "headers[0].value_set" become the labels the form shows ("Client ID",
// "Header X-Tenant: value stored"), and JSON values become plain text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api_connector_types.h"

namespace datahub::web {

// Who made a change, as "by …" shows it: the username, "API token “<name>”" or "the admin
// token". By its type, so that no user or token name passes for another kind of actor.
std::string ActorText(std::string_view type, std::string_view name);

// The form's label for a history field path; a path it does not know is shown as it is.
std::string FieldLabel(std::string_view field);

// A recorded value as the form would show it: enum values in words, true/false as yes/no.
std::string ValueLabel(std::string_view field, const std::string& value);

// The changes of one entry in the order the form shows the fields (the API sorts them by path).
void SortInFormOrder(std::vector<HistoryChange>& changes);

// Names the header each "headers[<i>].<part>" change is about: the field becomes
// "headers.<name>.<part>" (the form the API uses for secret headers), the name found by
// replaying the names from the oldest entry on. The API records headers by position, and
// "Header 2" says nothing once headers were added or removed. Call after SortInFormOrder.
// `newest_first`: entries as the API lists them.
void NameHeaderChanges(std::vector<HistoryEntry>& newest_first);

// One line of a history entry: "Base URL: https://a → https://b", "Client ID: erp" for a
// field that had no value before, "Client secret: changed" for a secret.
std::string ChangeText(const HistoryChange& change);

}  // namespace datahub::web
