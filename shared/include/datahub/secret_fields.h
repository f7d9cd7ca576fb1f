// Every write-only field of a connector, known in one place. The JSON codec, the PUT merge, the
// origin rule, the record codec's encryption, the history's "(changed)" and the outbound
// scrubber walk this table; adding a secret is a row here (and its field in connector.h).
// Secret header values are a list, not fixed fields: for_each_secret() walks them too.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "datahub/connector.h"

namespace datahub {

// Where a secret goes, so where a kept value may keep going (secrets_left_behind).
enum class SecretBinding {
  BaseOrigin,   // sent to the base URL's server
  TokenOrigin,  // sent to the token URL, and mints the token that goes to the base URL
  ProxyOrigin,  // sent to the connector's own proxy
  Local,        // never sent: a TLS client key proves possession, it does not travel
};

struct SecretField {
  std::string_view path;      // "auth.client_secret": the JSON path, also the record's key
  std::string_view set_flag;  // the response's "is one stored" member: "client_secret_set"
  WriteOnly& (*field)(Connector&);
  // False when the section holding it is off (another auth method, no client certificate, no
  // custom proxy): the value is then dropped, neither kept nor shown as set.
  bool (*in_use)(const Connector&);
  SecretBinding binding;

  const WriteOnly& of(const Connector& c) const { return field(const_cast<Connector&>(c)); }
  WriteOnly& of(Connector& c) const { return field(c); }
};

std::span<const SecretField> secret_fields();

// Every write-only value a connector has in use: the table's fields, then each secret header
// ("headers[2].value"), with its path.
template <class ConnectorRef, class Visit>
void for_each_secret(ConnectorRef& c, Visit&& visit) {
  for (const auto& f : secret_fields()) {
    if (f.in_use(c)) visit(std::string(f.path), f.of(c));
  }
  for (std::size_t i = 0; i < c.headers.size(); ++i) {
    if (c.headers[i].secret) visit("headers[" + std::to_string(i) + "].value", c.headers[i].value);
  }
}

}  // namespace datahub
