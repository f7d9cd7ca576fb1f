#include "passphrase_seal.h"

#include <sodium.h>

#include <chrono>
#include <semaphore>
#include <vector>

namespace datahub::backend {

using nlohmann::json;

namespace {

constexpr unsigned long long kOpsLimit = 3;
constexpr std::size_t kMemLimit = 64u << 20;
constexpr const char* kKdfName = "argon2id13";

// Each derivation takes up to 4 x 64 MiB for about a second: two at once, the others wait,
// so that a burst of exports or imports cannot take the machine's memory.
std::counting_semaphore<2> g_derivations(2);
// A caller that finds both taken waits this long, then gets a 503 rather than holding a worker.
constexpr auto kDerivationWait = std::chrono::seconds(5);

// Unicode characters (UTF-8 lead bytes), as a person counts a passphrase's length.
std::size_t characters(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

std::string to_base64(const unsigned char* data, std::size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::vector<unsigned char>> from_base64(std::string_view text) {
  std::vector<unsigned char> out(text.size());
  std::size_t size = 0;
  if (sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &size, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    return std::nullopt;
  }
  out.resize(size);
  return out;
}

Problem invalid(const char* field, std::string message) {
  return make_problem(ProblemType::Validation, "The " + std::string(field) + " is not usable.",
                      {{field, std::move(message)}});
}

}  // namespace

std::optional<Problem> check_passphrase(std::string_view passphrase, const char* field) {
  if (characters(passphrase) < kMinPassphraseCharacters) {
    return invalid(
        field, "must be at least " + std::to_string(kMinPassphraseCharacters) + " characters long");
  }
  if (passphrase.size() > kMaxPassphraseBytes) {
    return invalid(field, "must be at most " + std::to_string(kMaxPassphraseBytes) + " bytes");
  }
  return std::nullopt;
}

PassphraseSeal::~PassphraseSeal() {
  sodium_memzero(m_key.data(), m_key.size());
}

PassphraseSeal::PassphraseSeal(PassphraseSeal&& other) noexcept
    : m_key(other.m_key),
      m_salt(std::move(other.m_salt)),
      m_opslimit(other.m_opslimit),
      m_memlimit(other.m_memlimit) {
  sodium_memzero(other.m_key.data(), other.m_key.size());
}

Result<PassphraseSeal> PassphraseSeal::create(std::string_view passphrase) {
  unsigned char salt[crypto_pwhash_SALTBYTES];
  randombytes_buf(salt, sizeof salt);
  return from_json({{"kdf", kKdfName},
                    {"salt", to_base64(salt, sizeof salt)},
                    {"opslimit", kOpsLimit},
                    {"memlimit", kMemLimit}},
                   passphrase);
}

Result<PassphraseSeal> PassphraseSeal::from_json(const nlohmann::json& sealed,
                                                 std::string_view passphrase) {
  const char* field = "document.sealed";
  if (!sealed.is_object() || !sealed.contains("kdf") || sealed["kdf"] != kKdfName) {
    return invalid(field, "must name the key derivation \"argon2id13\"");
  }
  if (!sealed.contains("salt") || !sealed["salt"].is_string())
    return invalid(field, "has no usable salt");
  const auto salt = from_base64(sealed["salt"].get<std::string>());
  if (!salt || salt->size() != crypto_pwhash_SALTBYTES) {
    return invalid(field, "has no usable salt");
  }
  const json& ops_json = sealed.contains("opslimit") ? sealed["opslimit"] : json();
  const json& mem_json = sealed.contains("memlimit") ? sealed["memlimit"] : json();
  if (!ops_json.is_number_unsigned() || !mem_json.is_number_unsigned()) {
    return invalid(field, "needs whole numbers opslimit and memlimit");
  }
  const auto ops = ops_json.get<unsigned long long>();
  const auto mem = mem_json.get<unsigned long long>();
  if (ops < crypto_pwhash_OPSLIMIT_MIN || ops > kOpsLimit * 2 || mem < crypto_pwhash_MEMLIMIT_MIN ||
      mem > kMemLimit * 2) {
    return invalid(field, "asks for key derivation work this server does not do (opslimit " +
                              std::to_string(crypto_pwhash_OPSLIMIT_MIN) + ".." +
                              std::to_string(kOpsLimit * 2) + ", memlimit up to " +
                              std::to_string(kMemLimit * 2) + " bytes)");
  }
  PassphraseSeal seal;
  seal.m_salt = sealed["salt"];
  seal.m_opslimit = ops;
  seal.m_memlimit = static_cast<std::size_t>(mem);
  if (!g_derivations.try_acquire_for(kDerivationWait)) {
    Problem busy = make_problem(ProblemType::Busy,
                                "Other exports or imports are deriving their keys; retry shortly.");
    busy.extensions["retry_after"] = 2;
    return busy;
  }
  const int rc =
      crypto_pwhash(seal.m_key.data(), seal.m_key.size(), passphrase.data(), passphrase.size(),
                    salt->data(), ops, mem, crypto_pwhash_ALG_ARGON2ID13);
  g_derivations.release();
  if (rc != 0) return make_problem(ProblemType::Internal, "The key derivation ran out of memory.");
  return seal;
}

nlohmann::json PassphraseSeal::to_json() const {
  return {{"kdf", kKdfName}, {"salt", m_salt}, {"opslimit", m_opslimit}, {"memlimit", m_memlimit}};
}

std::string PassphraseSeal::seal(std::string_view plaintext, std::string_view associated) const {
  std::vector<unsigned char> out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                                 crypto_aead_xchacha20poly1305_ietf_ABYTES);
  unsigned char* nonce = out.data();
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written,
      reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), nullptr, nonce,
      m_key.data());
  return to_base64(out.data(), crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + written);
}

std::optional<std::string> PassphraseSeal::open(std::string_view sealed,
                                                std::string_view associated) const {
  const auto data = from_base64(sealed);
  constexpr std::size_t overhead =
      crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES;
  if (!data || data->size() < overhead) return std::nullopt;
  std::string plain(data->size() - overhead, '\0');
  unsigned long long size = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(plain.data()), &size, nullptr,
          data->data() + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          data->size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
          reinterpret_cast<const unsigned char*>(associated.data()), associated.size(),
          data->data(), m_key.data()) != 0) {
    return std::nullopt;
  }
  plain.resize(size);
  return plain;
}

}  // namespace datahub::backend
