// The opaque cursor of GET /api/connectors, as a client may send anything in ?cursor=.
// A cursor that decodes encodes to one that decodes to the same position; a position the
// store makes (fields without NUL, a name) survives encode and decode.
#include "fuzz_check.h"
#include "store/list_cursor.h"

namespace {

bool same(const datahub::backend::ListPosition& a, const datahub::backend::ListPosition& b) {
  return a.sort_spec == b.sort_spec && a.sort_key == b.sort_key && a.folded_name == b.folded_name;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace datahub::backend;
  const auto text = datahub::fuzz::as_text(data, size);

  if (const auto position = decode_list_cursor(text)) {
    const auto again = decode_list_cursor(encode_list_cursor(*position));
    FUZZ_CHECK(again.has_value() && same(*again, *position));
  }

  // The input as a position: "<sort spec>\n<sort key>\n<folded name>".
  const auto [spec, rest] = datahub::fuzz::split_once(text, '\n');
  const auto [key, name] = datahub::fuzz::split_once(rest, '\n');
  const ListPosition made{std::string(spec), spec.empty() ? "" : std::string(key),
                          std::string(name)};
  const bool storable = !name.empty() && spec.find('\0') == std::string_view::npos &&
                        key.find('\0') == std::string_view::npos;
  if (storable) {
    const auto decoded = decode_list_cursor(encode_list_cursor(made));
    FUZZ_CHECK(decoded.has_value() && same(*decoded, made));
  }
  return 0;
}
