#include "history_labels.h"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "datahub/connector.h"  // fold_name: header names match case-insensitively
#include "field_labels.h"

namespace datahub::web {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

constexpr std::array<Pair, 4> kHeaderParts = {{
    {"name", "name"},
    {"value", "value"},
    {"value_set", "value stored"},
    {"secret", "secret"},
}};

constexpr std::array<Pair, 8> kValues = {{
    {"client_credentials", "Client credentials"},
    {"password", "Password grant"},
    {"basic", "Basic header"},
    {"body", "Body"},
    {"private_key_jwt", "Private key JWT"},
    {"form", "Form"},
    {"json", "JSON"},
    {"api", "API Connector"},
}};

// The authentication methods and where an API key goes, as their radio buttons say them ("basic"
// is "Basic" here, "Basic header" as a client authentication).
constexpr std::array<Pair, 5> kAuthMethods = {{
    {"none", "No Auth"},
    {"api_key", "API key"},
    {"basic", "Basic"},
    {"bearer", "Bearer token"},
    {"oauth2", "OAuth 2.0"},
}};

constexpr std::array<Pair, 2> kApiKeyLocations = {{
    {"header", "Header"},
    {"query", "Query parameter"},
}};

// The proxy's modes as its radio buttons say them ("none" is not "No Auth" here).
constexpr std::array<Pair, 3> kProxyModes = {{
    {"server", "Server default"},
    {"none", "None"},
    {"custom", "Custom"},
}};

std::string_view Find(const auto& table, std::string_view key) {
  for (const auto& [k, v] : table)
    if (k == key) return v;
  return {};
}

// "headers[0].value_set" -> "Header 1: value stored"; "headers.X-Key.value" (a secret header's
// change, named rather than numbered) -> "Header X-Key: value".
std::string HeaderLabel(std::string_view field) {
  std::string_view rest = field.substr(std::string_view("headers").size());
  std::string which;
  if (rest.starts_with("[")) {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return std::string(field);
    const std::string index(rest.substr(1, close - 1));
    which = std::to_string(std::atoi(index.c_str()) + 1);
    rest = rest.substr(close + 1);
  } else {
    const auto dot = rest.rfind('.');
    if (dot == 0 || dot == std::string_view::npos) return std::string(field);
    which = std::string(rest.substr(1, dot - 1));
    rest = rest.substr(dot);
  }
  const std::string_view part = Find(kHeaderParts, rest.starts_with(".") ? rest.substr(1) : rest);
  if (part.empty()) return std::string(field);
  return "Header " + which + ": " + std::string(part);
}

// Where a field comes in the form: its entry in kFieldLabels, or its prefix's.
std::size_t FieldRank(std::string_view field) {
  for (std::size_t i = 0; i < kFieldLabels.size(); ++i) {
    const std::string_view name = kFieldLabels[i].first;
    if (field == name) return i;
    const bool prefixed = field.starts_with(name) && field.size() > name.size() &&
                          (field[name.size()] == '.' || field[name.size()] == '[');
    if (prefixed) return i;
  }
  return kFieldLabels.size();  // anything new goes last
}

// The form's place of a field: its rank, then for "headers[<i>].<part>" the row (as a number:
// the API sorts paths as text, "headers[10]" before "headers[2]") and the part's place in a row.
std::tuple<std::size_t, long, std::size_t> FormPlace(std::string_view field) {
  long row = -1;
  std::size_t part = 0;
  if (field.starts_with("headers[")) {
    const auto close = field.find(']');
    if (close != std::string_view::npos) {
      row = std::atol(std::string(field.substr(8, close - 8)).c_str());
      const std::string_view name = field.substr(std::min(field.size(), close + 2));
      part = kHeaderParts.size();
      for (std::size_t i = 0; i < kHeaderParts.size(); ++i)
        if (kHeaderParts[i].first == name) part = i;
    }
  }
  return {FieldRank(field), row, part};
}

// Booleans of the response form: whether a write-only value is stored, whether a header is
// secret. Other fields are text, even when the text is "true".
bool IsBooleanField(std::string_view field) {
  return field.ends_with("_set") || (field.starts_with("headers") && field.ends_with(".secret"));
}

// "headers[3].value" -> {3, "value"}; nullopt for any other field.
std::optional<std::pair<std::size_t, std::string_view>> HeaderIndex(std::string_view field) {
  if (!field.starts_with("headers[")) return std::nullopt;
  const auto close = field.find(']');
  if (close == std::string_view::npos || close == 8) return std::nullopt;
  std::size_t index = 0;
  for (char c : field.substr(8, close - 8)) {
    if (c < '0' || c > '9') return std::nullopt;
    index = index * 10 + static_cast<std::size_t>(c - '0');
  }
  const std::string_view part = field.substr(std::min(field.size(), close + 2));
  return std::pair{index, part};
}

// One header as the history knows it: its parts ("name", "value", "secret", "value_set") as
// recorded, by position.
using HeaderParts = std::map<std::string, std::string, std::less<>>;

std::string NameOf(const HeaderParts& h) {
  auto it = h.find("name");
  return it == h.end() ? std::string() : it->second;
}

const HeaderParts* Named(const std::vector<HeaderParts>& list, const std::string& name) {
  for (const HeaderParts& h : list)
    if (fold_name(NameOf(h)) == fold_name(name)) return &h;
  return nullptr;
}

// The changes between two header lists, header by header (matched by name, as the server
// matches secrets), in the later list's order, then the removed ones.
std::vector<HistoryChange> NamedHeaderChanges(const std::vector<HeaderParts>& before,
                                              const std::vector<HeaderParts>& after) {
  static const std::string kNothing = "—";
  static const HeaderParts kNone;
  std::vector<HistoryChange> out;
  auto diff = [&out](const std::string& name, const HeaderParts& was, const HeaderParts& is) {
    for (const auto& [part, label] : kHeaderParts) {
      if (part == "name") continue;
      auto a = was.find(part);
      auto b = is.find(part);
      const std::string& from = a == was.end() ? kNothing : a->second;
      const std::string& to = b == is.end() ? kNothing : b->second;
      if (from != to) out.push_back({"headers." + name + "." + std::string(part), from, to});
    }
  };
  for (const HeaderParts& h : after) {
    const std::string name = NameOf(h);
    if (name.empty()) continue;
    const HeaderParts* was = Named(before, name);
    if (!was) out.push_back({"headers." + name + ".name", kNothing, name});
    diff(name, was ? *was : kNone, h);
  }
  for (const HeaderParts& h : before)
    if (!NameOf(h).empty() && !Named(after, NameOf(h)))
      out.push_back({"headers." + NameOf(h) + ".name", NameOf(h), kNothing});
  return out;
}

}  // namespace

void NameHeaderChanges(std::vector<HistoryEntry>& newest_first) {
  static const std::string kNothing = "—";
  // Only a history that starts at the creation knows every header's name.
  if (newest_first.empty() || newest_first.back().action != "created") return;
  std::vector<HeaderParts> headers;  // as of the entry being replayed
  for (auto entry = newest_first.rbegin(); entry != newest_first.rend(); ++entry) {
    std::vector<HeaderParts> after = headers;
    std::vector<HistoryChange> kept;
    std::size_t first_header = std::string::npos;
    for (HistoryChange& c : entry->changes) {
      auto at = HeaderIndex(c.field);
      if (!at) {
        kept.push_back(std::move(c));
        continue;
      }
      if (first_header == std::string::npos) first_header = kept.size();
      if (after.size() <= at->first) after.resize(at->first + 1);
      if (c.to == kNothing)
        after[at->first].erase(std::string(at->second));
      else
        after[at->first][std::string(at->second)] = c.to;
    }
    while (!after.empty() && after.back().empty()) after.pop_back();
    if (first_header != std::string::npos) {
      std::vector<HistoryChange> named = NamedHeaderChanges(headers, after);
      kept.insert(kept.begin() + static_cast<std::ptrdiff_t>(first_header), named.begin(),
                  named.end());
    }
    entry->changes = std::move(kept);
    headers = std::move(after);
  }
}

std::string FieldLabel(std::string_view field) {
  if (field.starts_with("headers")) return HeaderLabel(field);
  if (field.starts_with("auth.extra_params."))
    return "Extra parameter " + std::string(field.substr(18));
  if (auto label = Find(kFieldLabels, field); !label.empty()) return std::string(label);
  if (field.starts_with("auth.expired_statuses["))  // one label for the list's members
    return std::string(Find(kFieldLabels, "auth.expired_statuses"));
  return std::string(field);
}

std::string ValueLabel(std::string_view field, const std::string& value) {
  if (IsBooleanField(field) && (value == "true" || value == "false"))
    return value == "true" ? "yes" : "no";
  if (field == "auth.method")
    if (auto word = Find(kAuthMethods, value); !word.empty()) return std::string(word);
  if (field == "auth.in")
    if (auto word = Find(kApiKeyLocations, value); !word.empty()) return std::string(word);
  const bool is_enum = field == "type" || field == "auth.grant_type" ||
                       field == "auth.client_authentication" ||
                       field == "auth.token_request_format";
  if (is_enum)
    if (auto word = Find(kValues, value); !word.empty()) return std::string(word);
  if (field == "proxy.mode")
    if (auto word = Find(kProxyModes, value); !word.empty()) return std::string(word);
  if (field == "status" && (value == "active" || value == "disabled"))
    return value == "active" ? "Active" : "Disabled";
  return value;
}

void SortInFormOrder(std::vector<HistoryChange>& changes) {
  std::stable_sort(changes.begin(), changes.end(), [](const auto& a, const auto& b) {
    return FormPlace(a.field) < FormPlace(b.field);
  });
}

std::string ChangeText(const HistoryChange& change) {
  static const std::string kSecretChanged =
      "(changed)";                          // docs/API.md: what a secret's change reads
  static const std::string kNothing = "—";  // what the API client shows for null
  const std::string label = FieldLabel(change.field);
  // A named header's name: its arrival, its removal or its new name.
  if (change.field.starts_with("headers.") && change.field.ends_with(".name")) {
    if (change.from == kNothing) return "Header " + change.to + ": added";
    if (change.to == kNothing) return "Header " + change.from + ": removed";
    return "Header name: " + change.from + " → " + change.to;
  }
  if (change.from == kSecretChanged && change.to == kSecretChanged) return label + ": changed";
  const std::string to = ValueLabel(change.field, change.to);
  if (change.from == kNothing) return label + ": " + to;
  return label + ": " + ValueLabel(change.field, change.from) + " → " + to;
}

std::string ActorText(std::string_view type, std::string_view name) {
  if (type == "admin-token") return "the admin token";
  if (type == "token") return "API token “" + std::string(name) + "”";
  return std::string(name.empty() ? type : name);
}

}  // namespace datahub::web
