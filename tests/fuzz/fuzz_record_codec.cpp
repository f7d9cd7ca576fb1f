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
  FUZZ_CHECK(*again == c);
  return 0;
}
