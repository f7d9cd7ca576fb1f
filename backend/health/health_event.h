// What changes a connector's health: a connection test, or a data request (/request). Pure
// functions, so that the rules are tested without a server.
#pragma once

#include <optional>
#include <string>

#include "datahub/connector_health.h"
#include "datahub/problem.h"
#include "datahub/proxy_response.h"
#include "datahub/test_result.h"

namespace datahub::backend {

struct HealthEvent {
  enum class Kind { Test, Request };
  Kind kind = Kind::Request;
  bool ok = true;
  std::string at;       // RFC 3339 UTC
  std::string failure;  // when !ok: problem type, oauth_error or "http-<status>"
};

// The health after `event`. A test records itself (last_test_*); a failure of either kind
// records itself (last_failure*, failing_since on the first of a run); a working data request
// only turns the state ok: a stream of successes changes nothing after the first.
ConnectorHealth apply_health_event(ConnectorHealth health, const HealthEvent& event);

// A test's failure: its failing step's OAuth error (when it is one: RFC 6749's characters, 64 at
// most), else its problem, else the upstream's status ("http-503"). Nothing when it passed.
std::optional<std::string> failure_of(const TestResult& result);
// False for a test the connector's own rate limit refused before anything was asked: it says
// nothing about the connector's health.
bool tells_health(const TestResult& result);
// A data request's failure: the problem's OAuth error or type when it failed before an answer
// (a refused destination, an unreachable or slow upstream, a token error; not the connector's
// own rate limit nor a busy server: nothing, and the health stays as it was);
// for an answer, a status that says the connector itself is broken (401, 407, 5xx:
// "http-401"). Other statuses (404, 429, ...) are the caller's business, not the connector's.
std::optional<std::string> failure_of(const Problem& problem);
std::optional<std::string> failure_of(const ProxyResponse& response);

}  // namespace datahub::backend
