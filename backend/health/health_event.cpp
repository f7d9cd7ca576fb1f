#include "health_event.h"

namespace datahub::backend {

namespace {

std::string status_failure(int status) {
  return "http-" + std::to_string(status);
}

bool status_means_broken(int status) {
  return status == 401 || status == 407 || status >= 500;
}

// An OAuth error code as RFC 6749 §5.2 spells one (printable ASCII but '"' and '\\'), and short:
// the token endpoint writes it, and it is kept unsealed. Anything else (a page of text, control
// characters, an echo of what was sent) is not kept: the problem's own name stands instead.
std::optional<std::string> oauth_error_code(std::string_view text) {
  constexpr std::size_t kMaxCode = 64;
  if (text.empty() || text.size() > kMaxCode) return std::nullopt;
  for (unsigned char c : text)
    if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') return std::nullopt;
  return std::string(text);
}

}  // namespace

ConnectorHealth apply_health_event(ConnectorHealth health, const HealthEvent& event) {
  if (event.kind == HealthEvent::Kind::Test) {
    health.last_test_at = event.at;
    health.last_test_ok = event.ok;
  }
  if (event.ok) {
    health.state = HealthState::Ok;
    health.failing_since.clear();
    return health;
  }
  if (health.state != HealthState::Failing) health.failing_since = event.at;
  health.state = HealthState::Failing;
  health.last_failure_at = event.at;
  health.last_failure = event.failure;
  return health;
}

std::optional<std::string> failure_of(const TestResult& result) {
  if (result.ok) return std::nullopt;
  for (const TestStep& step : result.steps) {
    if (step.ok) continue;
    if (step.oauth_error)
      if (auto code = oauth_error_code(*step.oauth_error)) return code;
    if (step.problem) return *step.problem;
    if (step.status) return status_failure(*step.status);
    break;
  }
  return std::string("test-failed");
}

bool tells_health(const TestResult& result) {
  for (const TestStep& step : result.steps)
    if (!step.ok) return step.problem != problem_name(ProblemType::RateLimited);
  return true;
}

std::optional<std::string> failure_of(const Problem& problem) {
  switch (problem.type) {
    case ProblemType::DestinationNotAllowed:
    case ProblemType::UpstreamError:
    case ProblemType::UpstreamTimeout:
    case ProblemType::TokenError:
      break;
    default:  // the caller's request, the connector's own rate limit, the server: not health
      return std::nullopt;
  }
  if (auto it = problem.extensions.find("oauth_error");
      it != problem.extensions.end() && it->is_string()) {
    if (auto code = oauth_error_code(it->get<std::string>())) return code;
  }
  return std::string(problem_name(problem.type));
}

std::optional<std::string> failure_of(const ProxyResponse& response) {
  if (!status_means_broken(response.status)) return std::nullopt;
  return status_failure(response.status);
}

}  // namespace datahub::backend
