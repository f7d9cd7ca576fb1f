// The connector body as the service reads it (parse_json, parse_connector_json, normalize,
// validate), and the forms it writes back: they must read again to the same connector.
#include "datahub/connector_json.h"
#include "datahub/connector_validation.h"
#include "datahub/json_parse.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace datahub;
  auto body = parse_json(fuzz::as_text(data, size));
  if (body.error != JsonParseError::None) return 0;

  const auto whole = connector_from_json(body.value);
  const auto parsed = parse_connector_json(body.value);
  FUZZ_CHECK(whole.ok() == (parsed.ok() && parsed->errors.empty()));
  if (!parsed) {
    // Not an object at all, or members of the wrong JSON type, each of them listed.
    FUZZ_CHECK(parsed.problem().status == 400);
    FUZZ_CHECK(!body.value.is_object() || !parsed.problem().errors.empty());
    return 0;
  }
  if (!whole) FUZZ_CHECK(whole.problem().status == 422);

  Connector c = parsed->connector;
  normalize(c);
  const auto errors = validate(c);
  for (const auto& e : errors) FUZZ_CHECK(!e.field.empty() && !e.message.empty());
  (void)validation_problem(errors);

  // What the service would store from here on has no value errors (a type other than "api"
  // or an unknown enum string would not read back, by design).
  if (!parsed->errors.empty()) return 0;

  // The response form never holds a secret and reads back to the same connector, secrets
  // aside (they come back as flags).
  const auto response = to_response_json(c);
  const auto text = response.dump();
  auto back = connector_from_json(response);
  FUZZ_CHECK(back.ok());
  Connector expected = c;
  auto as_flag = [](WriteOnly& w) {
    w.is_set = w.present();
    w.value.reset();
  };
  as_flag(expected.auth.oauth2.client_secret);
  as_flag(expected.auth.oauth2.password);
  for (auto& h : expected.headers) {
    if (h.secret) as_flag(h.value);
  }
  // With auth.method none the OAuth2 settings are not written; a plain header's value travels
  // as is ("" when it has none), and is_set is not part of its response form.
  if (expected.auth.method == AuthMethod::None) expected.auth.oauth2 = OAuth2Settings{};
  for (auto& h : expected.headers) {
    if (!h.secret) h.value = WriteOnly{h.value.value.value_or(std::string{}), false};
  }
  FUZZ_CHECK(*back == expected);

  // The request form the web client sends reads back to the same editable fields.
  auto request = connector_from_json(to_request_json(c));
  FUZZ_CHECK(request.ok());
  FUZZ_CHECK(request->name == c.name && request->base_url == c.base_url &&
             request->status == c.status && request->timeout_ms == c.timeout_ms &&
             request->headers.size() == c.headers.size());

  // PUT semantics against itself: a stored secret only moves where it was saved for.
  Connector merged = c;
  merge_write_only(merged, c);
  FUZZ_CHECK(secrets_left_behind(c, c).empty());
  return 0;
}
