// Sign-in throttling (docs/API.md, "Throttling"): after 5 failures for one username or one
// client address within 15 minutes, sign-in is refused until the oldest of them ages out.
// In memory: a restart forgives, which costs an attacker a restart they cannot cause.
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace datahub::backend {

class SignInThrottle {
 public:
  static constexpr std::size_t kMaxFailures = 5;
  static constexpr std::int64_t kWindowSeconds = 15 * 60;

  // Seconds to wait before trying again, when `username` (folded) or `address` is throttled.
  // An empty username (a sign-in with a token) counts and is checked by the address alone.
  std::optional<std::int64_t> retry_after(const std::string& username, const std::string& address,
                                          std::int64_t now);
  void record_failure(const std::string& username, const std::string& address, std::int64_t now);
  // retry_after() and record_failure() in one step (an empty username or address is not a key),
  // under one lock: the attempt counts as a failure from its start, so concurrent guesses cannot
  // all pass the check before any of them is counted. Nothing (and the attempt counted) when it may
  // go on; forgive() it on success.
  std::optional<std::int64_t> begin_attempt(const std::string& username, const std::string& address,
                                            std::int64_t now);
  // Takes back the failure begin_attempt() counted at `at` (a success, or no verdict at all).
  void forgive(const std::string& username, const std::string& address, std::int64_t at);
  // A successful sign-in clears the username's failures (not the address's).
  void clear_username(const std::string& username);

 private:
  using Failures = std::deque<std::int64_t>;
  std::optional<std::int64_t> wait_for(std::unordered_map<std::string, Failures>& map,
                                       const std::string& key, std::int64_t now);
  void add(std::unordered_map<std::string, Failures>& map, const std::string& key,
           std::int64_t now);
  std::optional<std::int64_t> wait_locked(const std::string& username, const std::string& address,
                                          std::int64_t now);

  std::mutex m_mutex;
  std::unordered_map<std::string, Failures> m_by_username;
  std::unordered_map<std::string, Failures> m_by_address;
};

// An attempt that begin_attempt() let go on: forgiven when this ends unless failed() kept it as
// a failure. A success and every way out without a verdict (a store error, a busy server) then
// forgive it without each having to say so.
class ThrottledAttempt {
 public:
  ThrottledAttempt(SignInThrottle& throttle, std::string username, std::string address,
                   std::int64_t at)
      : m_throttle(throttle),
        m_username(std::move(username)),
        m_address(std::move(address)),
        m_at(at) {}
  ~ThrottledAttempt() {
    if (!m_failed) m_throttle.forgive(m_username, m_address, m_at);
  }
  ThrottledAttempt(const ThrottledAttempt&) = delete;
  ThrottledAttempt& operator=(const ThrottledAttempt&) = delete;
  // The verdict was "wrong": the attempt stays counted.
  void failed() { m_failed = true; }

 private:
  SignInThrottle& m_throttle;
  std::string m_username, m_address;
  std::int64_t m_at;
  bool m_failed = false;
};

}  // namespace datahub::backend
