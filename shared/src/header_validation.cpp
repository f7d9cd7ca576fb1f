// The rules for custom headers: syntax, count, duplicates, and the names the connection or the
// OAuth2 token own.
#include <array>

#include "datahub/auth_methods.h"
#include "datahub/connector_validation.h"
#include "datahub/text.h"
#include "validation_parts.h"

namespace datahub::detail {
namespace {

std::string check_name_in_context(const Connector& c, std::size_t index) {
  const auto name = trim_ascii(c.headers[index].name);
  if (auto message = check_header_name(name); !message.empty()) return message;
  if (is_reserved_header(name)) return "is set by the HTTP client and cannot be configured";
  if (const auto owned = auth_reserved_header(c.auth);
      !owned.empty() && iequals_ascii(trim_ascii(owned), name)) {
    return auth_reserved_message(c.auth.method);
  }
  for (std::size_t j = 0; j < index; ++j) {
    if (iequals_ascii(trim_ascii(c.headers[j].name), name)) {
      return "duplicates headers[" + std::to_string(j) + "] (names are case-insensitive)";
    }
  }
  return {};
}

std::string check_value(const Header& h) {
  if (h.secret) {
    if (!h.value.present()) return "is required for a secret header";
  } else if (!h.value.value) {
    return "is required";  // "" is a legal value; a missing one is a mistake
  }
  if (!h.value.value) return {};
  if (auto message = check_header_value(*h.value.value); !message.empty()) return message;
  return h.secret ? check_secret_length(*h.value.value) : std::string{};
}

}  // namespace

void validate_headers(const Connector& c, std::vector<FieldError>& errors) {
  if (c.headers.size() > kMaxHeaders)
    add_error(errors, "headers", "must have at most " + std::to_string(kMaxHeaders) + " entries");
  for (std::size_t i = 0; i < c.headers.size(); ++i) {
    const auto path = "headers[" + std::to_string(i) + "]";
    add_error(errors, path + ".name", check_name_in_context(c, i));
    add_error(errors, path + ".value", check_value(c.headers[i]));
  }
}

}  // namespace datahub::detail

namespace datahub {

// Framing and hop-by-hop headers: the HTTP client computes these, and a wrong one breaks or
// smuggles requests.
bool is_reserved_header(std::string_view name) {
  static constexpr std::array<std::string_view, 9> kReserved = {
      "host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade",
      "te",   "trailer",        "proxy-connection"};
  const auto folded = to_lower_ascii(name);
  for (auto reserved : kReserved) {
    if (folded == reserved) return true;
  }
  return folded.rfind("proxy-", 0) == 0;
}

}  // namespace datahub
