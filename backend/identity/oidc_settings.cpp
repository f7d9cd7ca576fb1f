#include "identity/oidc_settings.h"

namespace datahub::backend {

std::optional<std::vector<std::pair<Role, std::string>>> parse_oidc_roles(std::string_view text,
                                                                          std::string& why) {
  std::vector<std::pair<Role, std::string>> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find(',', start);
    if (end == text.npos) end = text.size();
    const std::string_view item = text.substr(start, end - start);
    start = end + 1;
    if (item.empty()) continue;
    const auto eq = item.find('=');
    const auto role = eq == item.npos ? std::nullopt : role_from_name(item.substr(0, eq));
    if (!role || eq + 1 >= item.size()) {
      why = "expected role=group pairs (roles: viewer, operator, editor, admin), got '" +
            std::string(item) + "'";
      return std::nullopt;
    }
    out.emplace_back(*role, std::string(item.substr(eq + 1)));
  }
  return out;
}

Role role_from_groups(const OidcSettings& settings, const nlohmann::json& claims) {
  std::vector<std::string> groups;
  if (auto it = claims.find(settings.groups_claim); it != claims.end()) {
    if (it->is_string()) groups.push_back(it->get<std::string>());
    if (it->is_array())
      for (const auto& g : *it)
        if (g.is_string()) groups.push_back(g.get<std::string>());
  }
  Role best = Role::Viewer;
  for (const auto& [role, group] : settings.roles)
    for (const auto& g : groups)
      if (g == group && role_allows(role, best)) best = role;
  return best;
}

}  // namespace datahub::backend
