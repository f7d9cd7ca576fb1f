#include "datahub/history_entry.h"
#include "json_members.h"

namespace datahub {

using nlohmann::json;

json to_json(const HistoryEntry& e) {
  json out = {{"at", e.at}, {"action", e.action}, {"version", e.version}, {"changes", e.changes}};
  if (e.actor)
    out["actor"] = {{"type", e.actor->type}, {"id", e.actor->id}, {"name", e.actor->name}};
  return out;
}

namespace {

std::optional<HistoryActor> read_actor(const json& actor, const std::string& path,
                                       std::vector<FieldError>& errors) {
  const bool ok = actor.is_object() && actor.contains("type") && actor["type"].is_string() &&
                  actor.contains("id") && actor["id"].is_string() && actor.contains("name") &&
                  actor["name"].is_string();
  if (!ok) {
    errors.push_back({path + "actor", "must be an object with string type, id and name"});
    return std::nullopt;
  }
  return HistoryActor{actor["type"].get<std::string>(), actor["id"].get<std::string>(),
                      actor["name"].get<std::string>()};
}

void check_changes(const json& changes, const std::string& path, std::vector<FieldError>& errors) {
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const json& c = changes[i];
    const std::string at = path + "changes[" + std::to_string(i) + "]";
    if (!c.is_object()) {
      errors.push_back({at, "must be an object"});
    } else if (auto field = c.find("field"); field == c.end() || !field->is_string()) {
      errors.push_back({at + ".field", "must be a string"});
    }
  }
}

HistoryEntry read_entry(const json& body, const std::string& path,
                        std::vector<FieldError>& errors) {
  HistoryEntry e;
  json_members::Reader r(body, path, errors);
  r.read("at", e.at, "a string");
  r.read("action", e.action, "a string");
  r.read("version", e.version, "an integer");
  if (auto it = body.find("changes"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) {
      errors.push_back({path + "changes", "must be an array"});
    } else {
      check_changes(*it, path, errors);
      e.changes = *it;
    }
  }
  if (auto it = body.find("actor"); it != body.end() && !it->is_null())
    e.actor = read_actor(*it, path, errors);
  return e;
}

}  // namespace

Result<HistoryEntry> history_entry_from_json(const json& body) {
  if (!body.is_object())
    return json_members::unreadable("history entry", {{"", "must be an object"}});
  std::vector<FieldError> errors;
  HistoryEntry e = read_entry(body, "", errors);
  if (!errors.empty()) return json_members::unreadable("history entry", std::move(errors));
  return e;
}

json history_to_json(const std::vector<HistoryEntry>& entries) {
  json items = json::array();
  for (const HistoryEntry& e : entries) items.push_back(to_json(e));
  return {{"items", std::move(items)}};
}

Result<std::vector<HistoryEntry>> history_from_json(const json& body) {
  std::vector<FieldError> errors;
  auto items = body.is_object() ? body.find("items") : body.end();
  if (!body.is_object() || items == body.end() || !items->is_array())
    return json_members::unreadable("history", {{"items", "must be an array"}});
  std::vector<HistoryEntry> out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    const std::string path = "items[" + std::to_string(i) + "]";
    if (!(*items)[i].is_object()) {
      errors.push_back({path, "must be an object"});
      continue;
    }
    out.push_back(read_entry((*items)[i], path + ".", errors));
  }
  if (!errors.empty()) return json_members::unreadable("history", std::move(errors));
  return out;
}

}  // namespace datahub
