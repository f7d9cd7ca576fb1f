// When each stored secret of a connector last changed, read from its history (docs/API.md,
// "GET /api/connectors/{id}/history"), so the form can say "stored · changed <date>" without
// ever holding a value or a hash of one.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api_connector_types.h"

namespace datahub::web {

// The RFC 3339 time of the newest entry that changed each secret, keyed by the secret's field
// path ("auth.client_secret", "tls.client_key_pem") or SecretHeaderKey(name) for a secret header.
using SecretTimes = std::map<std::string, std::string, std::less<>>;

// What the history records of a secret: on an update, "(changed)" on both sides of the
// secret's path ("auth.token", or "headers.<name>.value" for a header); on the creation, or
// when a header arrives, only its flag turning true ("auth.token_set", "headers.<name>.value_set").
// `newest_first`: entries as the API lists them, after NameHeaderChanges (which names the
// header rows the API records by position).
SecretTimes SecretChangeTimes(const std::vector<HistoryEntry>& newest_first);

// The key of a secret header's value: its name, case-folded (the server matches it so).
std::string SecretHeaderKey(std::string_view name);

}  // namespace datahub::web
