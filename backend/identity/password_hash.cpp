#include "password_hash.h"

#include <algorithm>
#include <semaphore>
#include <thread>

#include <sodium.h>

namespace datahub::backend {
namespace {

constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr std::size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
constexpr int kMaxTurns = 8;

std::counting_semaphore<kMaxTurns>& turns() {
  static std::counting_semaphore<kMaxTurns> semaphore(PasswordTurn::capacity());
  return semaphore;
}

}  // namespace

int PasswordTurn::capacity() {
  return std::clamp(static_cast<int>(std::thread::hardware_concurrency()), 2, kMaxTurns);
}

std::optional<PasswordTurn> PasswordTurn::wait_for(std::chrono::milliseconds wait) {
  if (!turns().try_acquire_for(wait)) return std::nullopt;
  return PasswordTurn();
}

PasswordTurn::~PasswordTurn() {
  if (m_held) turns().release();
}

std::optional<std::string> hash_password(std::string_view password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    return std::nullopt;
  return std::string(out);
}

bool verify_password(const std::string& hash, std::string_view password) {
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

bool password_needs_rehash(const std::string& hash) {
  return crypto_pwhash_str_needs_rehash(hash.c_str(), kOpsLimit, kMemLimit) != 0;
}

void verify_against_dummy(std::string_view password) {
  // Made on first use from a random password nobody knows; the answer is thrown away.
  static const std::string dummy = [] {
    unsigned char random[24];
    randombytes_buf(random, sizeof random);
    auto hash =
        hash_password(std::string_view(reinterpret_cast<const char*>(random), sizeof random));
    return hash.value_or("");
  }();
  (void)verify_password(dummy, password);
}

}  // namespace datahub::backend
