#include "route_access.h"

#include <array>
#include <stdexcept>

namespace datahub::backend {
namespace {

// The same id segment as http_app.cpp's route regex: [A-Za-z0-9_-]{1,64}.
bool is_id_segment(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

std::vector<std::string> split(std::string_view path) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    const auto end = path.find('/', start);
    out.emplace_back(path.substr(start, end == std::string_view::npos ? path.npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

bool matches(const std::vector<std::string>& pattern, std::string_view path) {
  std::size_t i = 0, start = 0;
  while (true) {
    const auto end = path.find('/', start);
    const std::string_view segment =
        path.substr(start, end == std::string_view::npos ? path.npos : end - start);
    if (i >= pattern.size()) return false;
    if (pattern[i] == "{id}" ? !is_id_segment(segment) : pattern[i] != segment) return false;
    ++i;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return i == pattern.size();
}

struct RouteRole {
  std::string_view method;
  std::string_view path;
  Access access;
};

constexpr Access kPublic{true, Role::Viewer};
constexpr Access kViewer{false, Role::Viewer};
constexpr Access kOperator{false, Role::Operator};
constexpr Access kEditor{false, Role::Editor};
constexpr Access kAdmin{false, Role::Admin};

// viewer reads; operator also tests, activates, disables and sends data requests; editor also
// creates, changes, deletes, imports and exports (with secrets: admin, checked by the route);
// admin also manages users. Signing in and the first start are public. Anyone signed in holds
// API tokens up to their own role (identity/api_tokens.h; an API token itself may not).
constexpr std::array<RouteRole, 29> kRouteRoles = {{
    {"GET", "/api/health", kPublic},
    {"GET", "/api/openapi.json", kViewer},
    {"GET", "/api/metrics", kViewer},
    {"POST", "/api/setup", kPublic},
    {"POST", "/api/session", kPublic},
    {"GET", "/api/session", kViewer},
    {"DELETE", "/api/session", kViewer},
    {"POST", "/api/session/password", kViewer},
    {"GET", "/api/users", kAdmin},
    {"POST", "/api/users", kAdmin},
    {"GET", "/api/users/{id}", kAdmin},
    {"PUT", "/api/users/{id}", kAdmin},
    {"DELETE", "/api/users/{id}", kAdmin},
    {"POST", "/api/tokens", kViewer},
    {"GET", "/api/tokens", kViewer},
    {"DELETE", "/api/tokens/{id}", kViewer},
    {"GET", "/api/connectors", kViewer},
    {"POST", "/api/connectors", kEditor},
    {"GET", "/api/connectors/{id}", kViewer},
    {"PUT", "/api/connectors/{id}", kEditor},
    {"DELETE", "/api/connectors/{id}", kEditor},
    {"POST", "/api/connectors/{id}/activate", kOperator},
    {"POST", "/api/connectors/{id}/disable", kOperator},
    {"POST", "/api/connectors/{id}/test", kOperator},
    {"POST", "/api/connectors/test", kOperator},
    {"POST", "/api/connectors/{id}/request", kOperator},
    {"GET", "/api/connectors/{id}/history", kViewer},
    {"POST", "/api/connectors/export", kEditor},
    {"POST", "/api/connectors/import", kEditor},
}};

}  // namespace

Access route_access(std::string_view method, std::string_view path) {
  for (const auto& row : kRouteRoles)
    if (row.method == method && row.path == path) return row.access;
  throw std::logic_error("route_access: no role for " + std::string(method) + " " +
                         std::string(path) + " (add it to kRouteRoles)");
}

void RouteAccessTable::add(const std::string& method, const std::string& path, Access access) {
  m_rows.push_back({method, path, split(path), access});
}

const RouteAccessTable::Row* RouteAccessTable::find(std::string_view method,
                                                    std::string_view path) const {
  if (method == "HEAD") method = "GET";
  for (const auto& row : m_rows)
    if (row.method == method && matches(row.segments, path)) return &row;
  return nullptr;
}

bool RouteAccessTable::is_public_path(std::string_view path) const {
  for (const auto& row : m_rows)
    if (row.access.is_public && row.path == path) return true;
  return false;
}

}  // namespace datahub::backend
