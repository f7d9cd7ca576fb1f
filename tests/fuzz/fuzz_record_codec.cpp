// The bytes of a stored record, read by decode_record with a fixed key (the seeds in
// corpus/record_codec were sealed with it). A record that decodes encodes again and decodes
// to the same connector. Stored bytes are the store's own, but a damaged file must give a
// problem, not a crash.
#include "fuzz_check.h"
#include "store/record_codec.h"
#include "store/secret_box.h"

namespace {

const datahub::backend::SecretBox& fixed_box() {
  static const datahub::backend::SecretBox box = [] {
    datahub::backend::SecretKey key{};
    for (std::size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i + 1);
    return datahub::backend::SecretBox(key);
  }();
  return box;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace datahub;
  const auto& box = fixed_box();
  const auto decoded = backend::decode_record(fuzz::as_text(data, size), box);
  if (!decoded) {
    FUZZ_CHECK(decoded.problem().status == 500);
    return 0;
  }
  const Connector& c = *decoded;
  auto encoded = backend::encode_record(c, box);
  FUZZ_CHECK(encoded.ok());
  auto again = backend::decode_record(*encoded, box);
  FUZZ_CHECK(again.ok());
  // With auth.method none the record keeps no OAuth2 settings (the service drops them before
  // storing, see merge_write_only): a damaged record's leftovers do not survive a rewrite.
  Connector expected = c;
  // Likewise a plain header is written with its value ("" when it has none, which the
  // service refuses) and no _set flag.
  if (expected.auth.method == AuthMethod::None) expected.auth.oauth2 = OAuth2Settings{};
  for (auto& h : expected.headers) {
    if (!h.secret) h.value = WriteOnly{h.value.value.value_or(std::string{}), false};
  }
  FUZZ_CHECK(*again == expected);
  return 0;
}
