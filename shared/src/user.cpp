#include "datahub/user.h"

#include <array>
#include <type_traits>

#include "datahub/text.h"

namespace datahub {
namespace {

constexpr std::array<std::string_view, 4> kRoleNames = {"viewer", "operator", "editor", "admin"};

bool is_username_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '_' || c == '@' || c == '-';
}

// Reads one member into `out`: absent is `required`'s business, a wrong type is a 400's.
template <class T>
bool read_member(const nlohmann::json& body, const char* name, T& out, bool required,
                 std::vector<FieldError>& type_errors, std::vector<FieldError>& missing) {
  const auto it = body.find(name);
  if (it == body.end() || it->is_null()) {
    if (required) missing.push_back({name, "is required"});
    return false;
  }
  if constexpr (std::is_same_v<T, bool>) {
    if (!it->is_boolean()) return type_errors.push_back({name, "must be true or false"}), false;
  } else {
    if (!it->is_string()) return type_errors.push_back({name, "must be a string"}), false;
  }
  out = it->get<T>();
  return true;
}

}  // namespace

std::string_view role_name(Role role) {
  return kRoleNames[static_cast<std::size_t>(role)];
}

std::optional<Role> role_from_name(std::string_view name) {
  for (std::size_t i = 0; i < kRoleNames.size(); ++i)
    if (kRoleNames[i] == name) return static_cast<Role>(i);
  return std::nullopt;
}

nlohmann::json to_json(const User& user) {
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"role", role_name(user.role)},
          {"disabled", user.disabled},
          {"created_at", user.created_at},
          {"last_login_at", user.last_login_at ? nlohmann::json(*user.last_login_at) : nullptr},
          {"version", user.version}};
}

std::optional<User> user_from_json(const nlohmann::json& doc) {
  if (!doc.is_object()) return std::nullopt;
  try {
    User user;
    user.id = doc.at("id").get<std::string>();
    user.username = doc.at("username").get<std::string>();
    user.display_name = doc.at("display_name").get<std::string>();
    auto role = role_from_name(doc.at("role").get<std::string>());
    if (!role) return std::nullopt;
    user.role = *role;
    user.disabled = doc.at("disabled").get<bool>();
    user.created_at = doc.at("created_at").get<std::string>();
    if (const auto& at = doc.at("last_login_at"); !at.is_null())
      user.last_login_at = at.get<std::string>();
    user.version = doc.at("version").get<std::int64_t>();
    return user;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
}

std::optional<std::string> username_error(std::string_view username) {
  if (username.empty()) return "must not be empty";
  if (username.size() > kMaxUsernameLength)
    return "must be at most " + std::to_string(kMaxUsernameLength) + " characters";
  for (char c : username)
    if (!is_username_char(c)) return "may hold only letters, digits and . _ @ -";
  // The history's name for the admin token: a person of that name would pass for it.
  if (to_lower_ascii(username) == "admin-token") return "is reserved for the admin token";
  return std::nullopt;
}

std::optional<std::string> password_error(std::string_view password) {
  const auto length = utf8_length(password);
  if (!length) return "must be valid UTF-8";
  if (*length < kMinPasswordLength)
    return "must be at least " + std::to_string(kMinPasswordLength) + " characters";
  if (*length > kMaxPasswordLength)
    return "must be at most " + std::to_string(kMaxPasswordLength) + " characters";
  return std::nullopt;
}

std::optional<std::string> display_name_error(std::string_view display_name) {
  const auto length = utf8_length(display_name);
  if (!length) return "must be valid UTF-8";
  if (*length > kMaxDisplayNameLength)
    return "must be at most " + std::to_string(kMaxDisplayNameLength) + " characters";
  if (has_control_chars(display_name)) return "must not contain control characters";
  return std::nullopt;
}

std::string fold_username(std::string_view username) {
  return to_lower_ascii(username);
}

Result<UserInput> user_input_from_json(const nlohmann::json& body, UserInputKind kind) {
  if (!body.is_object())
    return make_problem(ProblemType::BadRequest, "The body must be an object.");
  std::vector<FieldError> type_errors, errors;
  UserInput in;
  const bool names_user = kind != UserInputKind::Replace;
  std::string role = kind == UserInputKind::Setup ? "admin" : "";
  std::string password;
  bool has_password = false;
  if (names_user) read_member(body, "username", in.username, true, type_errors, errors);
  read_member(body, "display_name", in.display_name, false, type_errors, errors);
  if (kind != UserInputKind::Setup) read_member(body, "role", role, true, type_errors, errors);
  if (kind == UserInputKind::Replace)
    read_member(body, "disabled", in.disabled, false, type_errors, errors);
  has_password = read_member(body, "password", password, names_user, type_errors, errors);
  if (!type_errors.empty())
    return make_problem(ProblemType::BadRequest, "A member has the wrong JSON type.",
                        std::move(type_errors));
  in.display_name = std::string(trim_ascii(in.display_name));
  if (names_user && body.contains("username") && body["username"].is_string()) {
    if (auto e = username_error(in.username)) errors.push_back({"username", *e});
  }
  if (auto e = display_name_error(in.display_name)) errors.push_back({"display_name", *e});
  if (!role.empty()) {
    if (auto parsed = role_from_name(role))
      in.role = *parsed;
    else
      errors.push_back({"role", "must be viewer, operator, editor or admin"});
  }
  if (has_password) {
    if (auto e = password_error(password)) errors.push_back({"password", *e});
    in.password = std::move(password);
  }
  if (!errors.empty())
    return make_problem(ProblemType::Validation, "The user has broken fields.", std::move(errors));
  if (in.display_name.empty()) in.display_name = in.username;
  return in;
}

}  // namespace datahub
