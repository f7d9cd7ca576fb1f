// Small text helpers the rules need: UTF-8 checks, code point counts, ASCII trimming and case.
// ASCII-only on purpose: names and header names are compared the same way on every host,
// with no locale involved.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace datahub {

// Strict UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing above U+10FFFF.
bool is_valid_utf8(std::string_view s);

// Code points in `s`, or nothing when `s` is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view s);

// True when `s` (valid UTF-8) holds a C0 control, DEL or a C1 control (U+0080-U+009F).
// Bytes of invalid UTF-8 sequences are not judged here: check is_valid_utf8 first.
bool has_control_chars(std::string_view s);

// Space, \t, \n, \v, \f, \r.
bool is_ascii_space(char c);
std::string_view trim_ascii(std::string_view s);
std::string to_lower_ascii(std::string_view s);
std::string to_upper_ascii(std::string_view s);
char to_lower_ascii(char c);
char to_upper_ascii(char c);
bool iequals_ascii(std::string_view a, std::string_view b);

}  // namespace datahub
