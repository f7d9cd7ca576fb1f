// What the outbound tests build again and again: a policy that lets them reach 127.0.0.1, and a
// GET request.
#pragma once

#include <string>

#include "outbound/outbound_http.h"

namespace datahub::outbound {

inline OutboundPolicy open_policy() {
  return OutboundPolicy{true, {}, {}, {}, {}};
}

inline OutboundRequest get(const std::string& url, int timeout_ms = 5000) {
  OutboundRequest r;
  r.url = *parse_url(url);
  r.timeout_ms = timeout_ms;
  return r;
}

}  // namespace datahub::outbound
