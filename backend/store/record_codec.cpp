#include "record_codec.h"

#include "datahub/connector_json.h"
#include "datahub/secret_fields.h"

namespace datahub::backend {

namespace {

using nlohmann::json;

constexpr const char* kSecrets = "secrets";

std::string header_field(const Header& h) {
  return "headers." + h.name;
}

// Seals one write-only value into `slot`; leaves it alone when nothing is stored.
Result<bool> seal_field(const WriteOnly& w, const std::string& field, const std::string& id,
                        const SecretBox& box, json& slot) {
  if (!w.present()) return true;
  if (!w.value) {
    return make_problem(ProblemType::Internal,
                        "store: " + field + " is marked set but has no value to store");
  }
  slot = box.seal(*w.value, SecretBox::associated_data(id, field));
  return true;
}

Result<json> seal_secrets(const Connector& c, const SecretBox& box) {
  json secrets = json::object();
  for (const auto& f : secret_fields()) {  // keyed and bound (associated data) by their path
    const std::string path(f.path);
    if (!f.in_use(c)) continue;
    if (auto r = seal_field(f.of(c), path, c.id, box, secrets[path]); !r) return r.problem();
  }
  json headers = json::array();
  for (const Header& h : c.headers) {
    json slot;  // null for a plain or unset header: keeps the array aligned
    if (h.secret) {
      if (auto r = seal_field(h.value, header_field(h), c.id, box, slot); !r) return r.problem();
    }
    headers.push_back(std::move(slot));
  }
  secrets["headers"] = std::move(headers);
  return secrets;
}

// Fills `w` from its sealed value when the record says one is stored.
Result<bool> unseal_field(const json& sealed, const std::string& field, const std::string& id,
                          const SecretBox& box, WriteOnly& w) {
  w.value.reset();
  if (!w.is_set) return true;
  if (!sealed.is_string()) {
    return make_problem(ProblemType::Internal, "store: record " + id + " lacks " + field);
  }
  auto plain =
      box.unseal(sealed.get_ref<const std::string&>(), SecretBox::associated_data(id, field));
  if (!plain) {
    Problem p = plain.problem();
    p.detail += " (" + field + " of connector " + id + ")";
    return p;
  }
  w.value = std::move(*plain);
  return true;
}

const json& null_json() {
  static const json kNull;
  return kNull;
}

const json& member(const json& object, const char* name) {
  auto it = object.find(name);
  return it == object.end() ? null_json() : *it;
}

Result<bool> unseal_secrets(const json& secrets, const SecretBox& box, Connector& c) {
  for (const auto& f : secret_fields()) {
    const std::string path(f.path);
    if (auto r = unseal_field(member(secrets, path.c_str()), path, c.id, box, f.of(c)); !r)
      return r;
  }
  const json& headers = member(secrets, "headers");
  for (std::size_t i = 0; i < c.headers.size(); ++i) {
    Header& h = c.headers[i];
    if (!h.secret) continue;
    const json& slot = headers.is_array() && i < headers.size() ? headers[i] : null_json();
    if (auto r = unseal_field(slot, header_field(h), c.id, box, h.value); !r) return r;
  }
  return true;
}

}  // namespace

Result<std::string> encode_record(const Connector& c, const SecretBox& box) {
  auto secrets = seal_secrets(c, box);
  if (!secrets) return secrets.problem();
  json record = to_response_json(c);
  record[kSecrets] = std::move(*secrets);
  return record.dump();
}

Result<Connector> decode_record(std::string_view bytes, const SecretBox& box) {
  json record = json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (!record.is_object() || !record.contains(kSecrets)) {
    return make_problem(ProblemType::Internal, "store: a record is not in the stored form");
  }
  json secrets = std::move(record[kSecrets]);
  record.erase(kSecrets);
  auto c = connector_from_json(record);
  if (!c) {
    Problem p = c.problem();
    p.type = ProblemType::Internal;  // stored data is ours: a problem here is a bug, not input
    p.status = 500;
    return p;
  }
  if (auto r = unseal_secrets(secrets, box, *c); !r) return r.problem();
  return c;
}

}  // namespace datahub::backend
