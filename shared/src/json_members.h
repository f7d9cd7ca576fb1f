// Reading and writing the optional members of the typed API documents (test result, proxied
// response, history entry): one place that says what "absent", "null" and "wrong type" mean.
//   absent or null -> the std::optional stays empty (the member was left out)
//   wrong type     -> a FieldError naming the member, the document is refused
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "datahub/problem.h"

namespace datahub::json_members {

inline bool take(const nlohmann::json& v, std::string& out) {
  if (!v.is_string()) return false;
  out = v.get<std::string>();
  return true;
}
inline bool take(const nlohmann::json& v, bool& out) {
  if (!v.is_boolean()) return false;
  out = v.get<bool>();
  return true;
}
inline bool take(const nlohmann::json& v, int& out) {
  if (!v.is_number_integer()) return false;
  out = v.get<int>();
  return true;
}
inline bool take(const nlohmann::json& v, std::int64_t& out) {
  if (!v.is_number_integer()) return false;
  out = v.get<std::int64_t>();
  return true;
}
inline bool take(const nlohmann::json& v, double& out) {
  if (!v.is_number()) return false;
  out = v.get<double>();
  return true;
}
// An object of strings (header names to values).
inline bool take(const nlohmann::json& v, std::map<std::string, std::string>& out) {
  if (!v.is_object()) return false;
  for (const auto& [name, value] : v.items()) {
    if (!value.is_string()) return false;
    out[name] = value.get<std::string>();
  }
  return true;
}

// Reads the members of one object, gathering every member of the wrong type.
class Reader {
 public:
  Reader(const nlohmann::json& object, std::string path, std::vector<FieldError>& errors)
      : m_object(object), m_path(std::move(path)), m_errors(errors) {}

  // Absent or null: `out` untouched. Wrong type: an error, `out` untouched.
  template <class T>
  bool read(const char* key, T& out, const char* expected) {
    auto it = m_object.find(key);
    if (it == m_object.end() || it->is_null()) return false;
    T value{};
    if (!take(*it, value)) {
      m_errors.push_back({m_path + key, std::string("must be ") + expected});
      return false;
    }
    out = std::move(value);
    return true;
  }
  template <class T>
  void read(const char* key, std::optional<T>& out, const char* expected) {
    T value{};
    if (read(key, value, expected)) out = std::move(value);
  }

 private:
  const nlohmann::json& m_object;
  std::string m_path;
  std::vector<FieldError>& m_errors;
};

// Writes `value` under `key` only when it is set: optional members are left out, not null.
template <class T>
void put(nlohmann::json& object, const char* key, const std::optional<T>& value) {
  if (value) object[key] = *value;
}

// The problem of a document the reader refuses: 400, every wrong member listed.
inline Problem unreadable(const char* what, std::vector<FieldError> errors) {
  return make_problem(ProblemType::BadRequest, std::string("the ") + what + " could not be read",
                      std::move(errors));
}

}  // namespace datahub::json_members
