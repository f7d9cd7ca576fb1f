// Small named values that live next to the connectors (the admin token's hash, the schema
// version), written atomically like everything else in the store.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "datahub/result.h"

namespace datahub::backend {

class MetaStore {
 public:
  virtual ~MetaStore() = default;

  // The value stored under `key`, or nothing.
  virtual std::optional<std::string> get_meta(std::string_view key) = 0;
  // Stores `value` under `key` (replacing any), in one write transaction. Keys the store uses
  // itself ("schema_version", "key_check") are refused with a BadRequest.
  virtual Result<bool> put_meta(std::string_view key, std::string_view value) = 0;
};

}  // namespace datahub::backend
