#include "connector_history.h"

#include <map>
#include <string>

#include "datahub/connector_json.h"
#include "datahub/secret_fields.h"

namespace datahub::backend {
namespace {

using Flat = std::map<std::string, nlohmann::json>;

void flatten(const nlohmann::json& value, const std::string& path, Flat& out) {
  if (value.is_object()) {
    for (const auto& [key, member] : value.items()) {
      flatten(member, path.empty() ? key : path + "." + key, out);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      flatten(value[i], path + "[" + std::to_string(i) + "]", out);
    }
  } else {
    out[path] = value;
  }
}

Flat flat_view(const Connector& c) {
  auto json = to_response_json(c);
  for (const char* owned : {"version", "updated_at", "created_at", "id"}) json.erase(owned);
  Flat flat;
  flatten(json, "", flat);
  return flat;
}

nlohmann::json change(const std::string& field, const nlohmann::json& from,
                      const nlohmann::json& to) {
  return {{"field", field}, {"from", from}, {"to", to}};
}

std::string plaintext(const WriteOnly& w) {
  return w.value.value_or("");
}

const Header* find_header(const Connector& c, const std::string& name) {
  for (const auto& h : c.headers) {
    if (h.secret && fold_name(h.name) == fold_name(name)) return &h;
  }
  return nullptr;
}

// Secrets are compared on their plaintext, which the response form hides.
void diff_secrets(const Connector& before, const Connector& after, nlohmann::json& changes) {
  static const nlohmann::json kChanged = "(changed)";
  for (const auto& f : secret_fields()) {
    if (plaintext(f.of(before)) != plaintext(f.of(after)))
      changes.push_back(change(std::string(f.path), kChanged, kChanged));
  }
  for (const auto& h : after.headers) {
    if (!h.secret) continue;
    const Header* old = find_header(before, h.name);
    if (old && plaintext(old->value) != plaintext(h.value)) {
      changes.push_back(change("headers." + h.name + ".value", kChanged, kChanged));
    }
  }
}

}  // namespace

nlohmann::json diff_connectors(const Connector& before, const Connector& after) {
  const Flat a = flat_view(before);
  const Flat b = flat_view(after);
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& [field, value] : a) {
    auto it = b.find(field);
    if (it == b.end()) {
      changes.push_back(change(field, value, nullptr));
    } else if (it->second != value) {
      changes.push_back(change(field, value, it->second));
    }
  }
  for (const auto& [field, value] : b) {
    if (!a.count(field)) changes.push_back(change(field, nullptr, value));
  }
  diff_secrets(before, after, changes);
  return changes;
}

nlohmann::json initial_fields(const Connector& created) {
  nlohmann::json changes = nlohmann::json::array();
  for (const auto& [field, value] : flat_view(created)) {
    changes.push_back(change(field, nullptr, value));
  }
  return changes;
}

}  // namespace datahub::backend
