// The destination guard: decides whether an outbound request may go to a URL's host, and
// pins the addresses it checked so the connection cannot go anywhere else (DNS rebinding).
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "datahub/result.h"
#include "outbound/ip_address.h"
#include "outbound/outbound_policy.h"
#include "outbound/url.h"

namespace datahub::outbound {

// A URL whose host resolved to `addresses`, every one of them checked. Connect only to these.
struct CheckedDestination {
  Url url;
  // In resolver order, no duplicates; empty only for a name left to a proxy to resolve.
  std::vector<IpAddress> addresses;
};

class DestinationGuard {
 public:
  explicit DestinationGuard(OutboundPolicy policy);

  // Resolves the host (IP literals are not looked up) and checks every address it resolves
  // to. Problems: DestinationNotAllowed (403) when any address is refused, UpstreamError
  // (502) when the name does not resolve, UpstreamTimeout (504) when resolving outlives
  // the deadline.
  // With `via_proxy`, a name that does not resolve here (split DNS: only the proxy knows it)
  // is left to the proxy: no addresses instead of the 502. An address that resolves is still
  // checked, and refused as always.
  Result<CheckedDestination> check(const Url& url, std::chrono::steady_clock::time_point deadline,
                                   bool via_proxy = false) const;

  // Empty when the policy lets a request reach `address` of `host`, else the reason.
  std::string refusal(std::string_view host, const IpAddress& address) const;

  // True when --allow-hosts names the host (case-insensitive, IP literals in any spelling).
  bool host_allowed(std::string_view host) const;

  const OutboundPolicy& policy() const { return m_policy; }

 private:
  OutboundPolicy m_policy;
  std::vector<std::string> m_allow_hosts;  // canonical forms
};

}  // namespace datahub::outbound
