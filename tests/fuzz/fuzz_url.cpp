// URLs from connectors and from upstream answers: the shared parser (base_url, token_url, the
// web form's checks), the outbound one, redirects (Location) and the request URL built from a
// base and a caller's path. Input: "<url>" or "<url>\n<location or path>".
#include <algorithm>

#include "datahub/connector_validation.h"
#include "datahub/url.h"
#include "fuzz_check.h"
#include "outbound/request_target.h"
#include "outbound/url.h"

namespace {

using namespace datahub;

bool has_byte_in(std::string_view text, std::string_view bytes) {
  return text.find_first_of(bytes) != std::string_view::npos;
}

// What goes on a request line: nothing that ends it, splits it or names another host.
void check_outbound(const outbound::Url& u) {
  FUZZ_CHECK(u.scheme == "http" || u.scheme == "https");
  FUZZ_CHECK(!u.host.empty() && u.port > 0 && u.port <= 65535);
  FUZZ_CHECK(!has_byte_in(u.host, std::string_view("/?#@\\ \t\r\n\0", 10)));
  FUZZ_CHECK(
      std::none_of(u.host.begin(), u.host.end(), [](char c) { return c >= 'A' && c <= 'Z'; }));
  FUZZ_CHECK(!u.target.empty() && u.target[0] == '/');
  FUZZ_CHECK(!has_byte_in(u.target, std::string_view(" \t\r\n\0#", 6)));
  // Printed and read again, it is the same URL.
  auto again = outbound::parse_url(u.to_string());
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(again->scheme == u.scheme && again->host == u.host && again->port == u.port &&
             again->target == u.target);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto [first, second] = fuzz::split_once(fuzz::as_text(data, size), '\n');

  const auto shared = parse_http_url(first);
  FUZZ_CHECK(shared.url.has_value() == shared.error.empty());
  if (shared.url) {
    const Url& u = *shared.url;
    FUZZ_CHECK(u.scheme == "http" || u.scheme == "https");
    FUZZ_CHECK(!u.host.empty());
    FUZZ_CHECK(u.path.empty() || u.path[0] == '/');
    FUZZ_CHECK(check_http_url(first).empty());
    const auto again = parse_http_url(u.origin() + u.path_and_query());
    FUZZ_CHECK(again.url.has_value());
    FUZZ_CHECK(again.url->origin() == u.origin() &&
               again.url->path_and_query() == u.path_and_query());
    // The outbound client takes what the contract accepts.
    auto out = outbound::parse_url(first);
    FUZZ_CHECK(out.ok());
    FUZZ_CHECK(out->scheme == u.scheme && out->port == u.effective_port());
  }

  auto parsed = outbound::parse_url(first);
  if (parsed) check_outbound(*parsed);

  static const auto kBase = outbound::parse_url("https://api.example.com/v1/items?page=2").value();
  const auto& base = parsed ? *parsed : kBase;
  auto resolved = outbound::resolve_location(base, second);
  if (resolved) check_outbound(*resolved);

  // The host of a connector request always comes from its base URL.
  if (shared.url) {
    auto built = outbound::build_request_url(first, second);
    if (built) {
      check_outbound(*built);
      FUZZ_CHECK(built->host == parsed->host && built->port == parsed->port &&
                 built->scheme == parsed->scheme);
      FUZZ_CHECK(outbound::check_request_path(second).empty() || second.empty());
    }
  }
  return 0;
}
