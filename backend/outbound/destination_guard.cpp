#include "outbound/destination_guard.h"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include "datahub/text.h"

namespace datahub::outbound {

namespace {

using Clock = std::chrono::steady_clock;

// Lower case, no trailing dot, IP literals in canonical form: how hosts are compared.
std::string comparable_host(std::string_view host) {
  std::string out = to_lower_ascii(host);
  if (!out.empty() && out.back() == '.') out.pop_back();
  if (auto ip = parse_ip_literal(out)) return ip->to_string();
  return out;
}

struct Lookup {
  std::mutex mutex;
  std::condition_variable done_cv;
  bool done = false;
  int status = 0;
  std::vector<IpAddress> addresses;
};

std::vector<IpAddress> addresses_of(const addrinfo* list) {
  std::vector<IpAddress> out;
  for (auto* ai = list; ai != nullptr; ai = ai->ai_next) {
    IpAddress a;
    if (ai->ai_family == AF_INET) {
      const auto* sin = reinterpret_cast<const sockaddr_in*>(ai->ai_addr);
      std::memcpy(a.bytes.data(), &sin->sin_addr, 4);
    } else if (ai->ai_family == AF_INET6) {
      const auto* sin6 = reinterpret_cast<const sockaddr_in6*>(ai->ai_addr);
      a.family = IpAddress::Family::V6;
      std::memcpy(a.bytes.data(), &sin6->sin6_addr, 16);
    } else {
      continue;
    }
    if (std::find(out.begin(), out.end(), a) == out.end()) out.push_back(a);
  }
  return out;
}

// getaddrinfo has no timeout of its own: it runs on a thread of its own, and a caller whose
// deadline passes leaves it behind (the shared state outlives whichever side ends last).
std::shared_ptr<Lookup> start_lookup(const std::string& host) {
  auto lookup = std::make_shared<Lookup>();
  std::thread([lookup, host] {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* list = nullptr;
    int status = getaddrinfo(host.c_str(), nullptr, &hints, &list);
    auto addresses = status == 0 ? addresses_of(list) : std::vector<IpAddress>{};
    if (list != nullptr) freeaddrinfo(list);
    std::lock_guard lock(lookup->mutex);
    lookup->status = status;
    lookup->addresses = std::move(addresses);
    lookup->done = true;
    lookup->done_cv.notify_all();
  }).detach();
  return lookup;
}

Result<std::vector<IpAddress>> resolve(const std::string& host, Clock::time_point deadline) {
  if (auto literal = parse_ip_literal(host)) return std::vector<IpAddress>{*literal};
  auto lookup = start_lookup(host);
  std::unique_lock lock(lookup->mutex);
  if (!lookup->done_cv.wait_until(lock, deadline, [&] { return lookup->done; }))
    return make_problem(ProblemType::UpstreamTimeout,
                        "resolving the host '" + host + "' took longer than the timeout");
  if (lookup->status != 0 || lookup->addresses.empty())
    return make_problem(
        ProblemType::UpstreamError,
        "the host '" + host + "' could not be resolved (" + gai_strerror(lookup->status) + ")");
  return lookup->addresses;
}

}  // namespace

DestinationGuard::DestinationGuard(OutboundPolicy policy) : m_policy(std::move(policy)) {
  for (const auto& host : m_policy.allow_hosts) m_allow_hosts.push_back(comparable_host(host));
}

bool DestinationGuard::host_allowed(std::string_view host) const {
  auto wanted = comparable_host(host);
  return std::find(m_allow_hosts.begin(), m_allow_hosts.end(), wanted) != m_allow_hosts.end();
}

std::string DestinationGuard::refusal(std::string_view host, const IpAddress& address) const {
  if (m_policy.allow_private_networks || host_allowed(host)) return {};
  auto cls = classify(address);
  if (cls == AddressClass::Public) return {};
  std::string shown = comparable_host(host);
  std::string what = shown == address.to_string() ? "the address " + shown + " is " + describe(cls)
                                                  : "the host '" + shown + "' resolves to " +
                                                        address.to_string() + ", " + describe(cls);
  return what +
         "; outbound requests there are not allowed unless the server runs with "
         "--allow-private-networks or lists the host in --allow-hosts";
}

Result<CheckedDestination> DestinationGuard::check(const Url& url, Clock::time_point deadline,
                                                   bool via_proxy) const {
  if (url.scheme != "http" && url.scheme != "https")
    return make_problem(ProblemType::DestinationNotAllowed, "only http and https are allowed");
  auto addresses = resolve(url.host, deadline);
  if (!addresses && via_proxy && addresses.problem().type == ProblemType::UpstreamError)
    return CheckedDestination{url, {}};
  if (!addresses) return addresses.problem();
  // Every address counts: a name that resolves to one public and one private address could
  // otherwise be steered to the private one.
  for (const auto& address : *addresses)
    if (auto why = refusal(url.host, address); !why.empty())
      return make_problem(ProblemType::DestinationNotAllowed, std::move(why));
  return CheckedDestination{url, std::move(*addresses)};
}

}  // namespace datahub::outbound
