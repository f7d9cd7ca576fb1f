// Sealing the secrets of an export under a passphrase: a key derived with Argon2id
// (libsodium's crypto_pwhash), and XChaCha20-Poly1305 per connector, with the connector's own
// entry as associated data so that a sealed value cannot be moved to another entry unnoticed.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "datahub/result.h"

namespace datahub::backend {

// Passphrase length: 12+ characters (docs/API.md, "Export and import"); the byte cap bounds the
// work.
inline constexpr std::size_t kMinPassphraseCharacters = 12;
inline constexpr std::size_t kMaxPassphraseBytes = 1024;

class PassphraseSeal {
 public:
  // A new salt and the server's parameters (Argon2id, 3 passes, 64 MiB).
  static Result<PassphraseSeal> create(std::string_view passphrase);
  // From a document's "sealed" member. Parameters beyond twice what this server chooses are
  // refused (a hostile document must not make the server spend memory or seconds).
  // Problems: Validation with the field "document.sealed"; Busy (503) when two derivations run
  // and none ends within 5 s.
  static Result<PassphraseSeal> from_json(const nlohmann::json& sealed,
                                          std::string_view passphrase);

  // {"kdf": "argon2id13", "salt", "opslimit", "memlimit"}: what from_json needs besides the
  // passphrase.
  nlohmann::json to_json() const;

  // base64(nonce || ciphertext) of `plaintext`, bound to `associated`.
  std::string seal(std::string_view plaintext, std::string_view associated) const;
  // The plaintext, or nothing when the passphrase (or the data, or `associated`) is wrong.
  std::optional<std::string> open(std::string_view sealed, std::string_view associated) const;

  ~PassphraseSeal();
  PassphraseSeal(PassphraseSeal&& other) noexcept;
  PassphraseSeal& operator=(PassphraseSeal&&) = delete;
  PassphraseSeal(const PassphraseSeal&) = delete;

 private:
  PassphraseSeal() = default;
  std::array<unsigned char, 32> m_key{};
  std::string m_salt;  // base64
  unsigned long long m_opslimit = 0;
  std::size_t m_memlimit = 0;
};

// Problems for a passphrase that is too short or too long (422 under `field`).
std::optional<Problem> check_passphrase(std::string_view passphrase, const char* field);

}  // namespace datahub::backend
