#include "secret_box.h"

#include <sodium.h>

#include <vector>

namespace datahub::backend {

namespace {

constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr int kBase64 = sodium_base64_VARIANT_ORIGINAL;

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string to_base64(const std::vector<unsigned char>& raw) {
  std::string out(sodium_base64_encoded_len(raw.size(), kBase64), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), kBase64);
  out.pop_back();  // the terminating NUL sodium writes
  return out;
}

bool from_base64(std::string_view text, std::vector<unsigned char>& raw) {
  raw.resize(text.size());  // base64 decodes to fewer bytes than characters
  std::size_t len = 0;
  if (sodium_base642bin(raw.data(), raw.size(), text.data(), text.size(), nullptr, &len, nullptr,
                        kBase64) != 0) {
    return false;
  }
  raw.resize(len);
  return true;
}

}  // namespace

Result<std::unique_ptr<SecretBox>> SecretBox::open(const std::filesystem::path& data_dir,
                                                   const std::filesystem::path& key_file) {
  bool given = !key_file.empty();
  SecretKey key{};
  auto loaded = load_secret_key(given ? key_file : data_dir / "secret.key", !given, key);
  if (!loaded) return loaded.problem();
  auto box = std::make_unique<SecretBox>(key);
  sodium_memzero(key.data(), key.size());
  return box;
}

SecretBox::SecretBox(const SecretKey& key) : m_key(key) {}

SecretBox::~SecretBox() {
  sodium_memzero(m_key.data(), m_key.size());
}

std::string SecretBox::associated_data(std::string_view connector_id, std::string_view field) {
  std::string ad(connector_id);
  ad += '\0';
  ad += field;
  return ad;
}

std::string SecretBox::seal(std::string_view plaintext, std::string_view associated) const {
  std::vector<unsigned char> out(kNonceBytes + plaintext.size() + kTagBytes);
  randombytes_buf(out.data(), kNonceBytes);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data() + kNonceBytes, &len, bytes(plaintext),
                                             plaintext.size(), bytes(associated), associated.size(),
                                             nullptr, out.data(), m_key.data());
  return to_base64(out);
}

Result<std::string> SecretBox::unseal(std::string_view sealed, std::string_view associated) const {
  std::vector<unsigned char> raw;
  if (!from_base64(sealed, raw) || raw.size() < kNonceBytes + kTagBytes) {
    return make_problem(ProblemType::Internal, "a stored secret is not a sealed value");
  }
  std::string plain(raw.size() - kNonceBytes - kTagBytes, '\0');
  unsigned long long len = 0;
  int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(plain.data()), &len, nullptr, raw.data() + kNonceBytes,
      raw.size() - kNonceBytes, bytes(associated), associated.size(), raw.data(), m_key.data());
  if (rc != 0) {
    return make_problem(ProblemType::Internal,
                        "a stored secret could not be decrypted: the secret key differs from the "
                        "one it was written with, or the data was altered");
  }
  plain.resize(len);
  return plain;
}

}  // namespace datahub::backend
