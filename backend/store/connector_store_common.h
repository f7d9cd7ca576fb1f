// What both connector stores (LMDB and PostgreSQL) answer and write alike: the problems of a
// missing id and a taken name, and the sealed record that tells whether the key file matches.
#pragma once

#include <string>
#include <string_view>

#include "datahub/connector.h"
#include "datahub/problem.h"

namespace datahub::backend::store_common {

inline constexpr const char* kKeyCheckKey = "key_check";
inline constexpr const char* kKeyCheckText = "datahub secret key check";

inline Problem not_found(std::string_view id) {
  return make_problem(ProblemType::NotFound, "no connector with id " + std::string(id));
}

inline Problem name_taken(const Connector& c) {
  return make_problem(ProblemType::NameTaken,
                      "another connector is already named \"" + c.name + "\"",
                      {{"name", "is already used by another connector (names ignore case)"}});
}

}  // namespace datahub::backend::store_common
