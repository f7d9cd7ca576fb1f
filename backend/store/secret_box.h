// Encryption of write-only values at rest: XChaCha20-Poly1305-IETF (libsodium), a random
// 192-bit nonce per value, and associated data that binds each ciphertext to its connector and
// field, so a ciphertext copied to another record or field fails to open.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "datahub/result.h"
#include "secret_key_file.h"

namespace datahub::backend {

class SecretBox {
 public:
  // `key_file` set (the caller's DATAHUB_SECRET_KEY_FILE): must exist. Otherwise
  // <data_dir>/secret.key, created on first start.
  static Result<std::unique_ptr<SecretBox>> open(const std::filesystem::path& data_dir,
                                                 const std::filesystem::path& key_file);
  explicit SecretBox(const SecretKey& key);
  ~SecretBox();  // wipes the key
  SecretBox(const SecretBox&) = delete;
  SecretBox& operator=(const SecretBox&) = delete;

  // The associated data for one field: connector id, NUL, field ("auth.client_secret",
  // "headers.X-API-Key").
  static std::string associated_data(std::string_view connector_id, std::string_view field);

  // base64(nonce || ciphertext || tag).
  std::string seal(std::string_view plaintext, std::string_view associated) const;
  // The plaintext, or an Internal problem when the value was altered, belongs to another
  // record/field, or was sealed with another key. The detail never holds the value.
  Result<std::string> unseal(std::string_view sealed, std::string_view associated) const;

 private:
  SecretKey m_key{};
};

}  // namespace datahub::backend
