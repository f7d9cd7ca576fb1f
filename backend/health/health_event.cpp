#include "health_event.h"

namespace datahub::backend {

namespace {

std::string status_failure(int status) {
  return "http-" + std::to_string(status);
}

bool status_means_broken(int status) {
  return status == 401 || status == 407 || status >= 500;
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
    if (step.oauth_error) return *step.oauth_error;
    if (step.problem) return *step.problem;
    if (step.status) return status_failure(*step.status);
    break;
  }
  return std::string("test-failed");
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
    return it->get<std::string>();
  }
  return std::string(problem_name(problem.type));
}

std::optional<std::string> failure_of(const ProxyResponse& response) {
  if (!status_means_broken(response.status)) return std::nullopt;
  return status_failure(response.status);
}

}  // namespace datahub::backend
