// Header rules: a connector's custom headers (check_header_name, check_header_value, validate)
// and the headers of a /request body. A header that passes must be safe on the wire: a token
// for a name, no CR, LF or NUL in a value. Input: "<name>:<value>", or a /request JSON body.
#include <algorithm>

#include "datahub/connector_validation.h"
#include "datahub/json_parse.h"
#include "fuzz_check.h"
#include "outbound/proxy_messages.h"

namespace {

using namespace datahub;

bool is_tchar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
  };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

void check_safe_name(std::string_view name) {
  const auto t = trim(name);
  FUZZ_CHECK(!t.empty() && std::all_of(t.begin(), t.end(), is_tchar));
}

void check_safe_value(std::string_view value) {
  FUZZ_CHECK(value.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos);
  FUZZ_CHECK(value.size() <= kMaxHeaderValueLength);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzz::as_text(data, size);

  FUZZ_CHECK(is_http_token(text) ==
             (!text.empty() && std::all_of(text.begin(), text.end(), is_tchar)));
  if (check_header_name(text).empty()) check_safe_name(text);
  if (check_header_value(text).empty()) check_safe_value(text);
  if (check_plain_text(text).empty()) {
    FUZZ_CHECK(text.find_first_of(std::string_view("\r\n\0", 3)) == std::string_view::npos);
  }

  // As a connector's header, plain and secret.
  const auto [name, value] = fuzz::split_once(text, ':');
  for (bool secret : {false, true}) {
    Connector c;
    c.name = "fuzz";
    c.base_url = "https://api.example.com";
    c.headers.push_back({std::string(name), WriteOnly{std::string(value), false}, secret});
    const auto errors = validate(c);
    const bool header_ok = std::none_of(errors.begin(), errors.end(), [](const FieldError& e) {
      return e.field.rfind("headers", 0) == 0;
    });
    if (header_ok) {
      check_safe_name(name);
      check_safe_value(value);
    }
  }

  // As the headers of a /request body.
  auto body = parse_json(text);
  if (body.error == JsonParseError::None) {
    auto request = outbound::proxy_request_from_json(body.value);
    if (request) {
      for (const auto& [n, v] : request->headers) {
        check_safe_name(n);
        check_safe_value(v);
        FUZZ_CHECK(!is_reserved_header(n));
      }
    }
  }
  return 0;
}
