#include "outbound/curl_transfer.h"

#include <netinet/in.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <sys/socket.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <ctime>
#include <memory>
#include <optional>
#include <string_view>

#include "datahub/text.h"
#include "outbound/x509_text.h"

namespace datahub::outbound {

namespace {

using Clock = std::chrono::steady_clock;

// Shown to upstreams that care who calls (some APIs refuse a request without one); a caller's
// own User-Agent header replaces it.
constexpr const char* kUserAgent = "DataHub-API-Connector/1.1";

// What the callbacks fill in while libcurl runs.
struct Call {
  Call(Transfer& transfer, const std::optional<IpAddress>& pinned, std::size_t cap)
      : out(transfer), address(pinned), max_body(cap), last_field(transfer.headers.end()) {}
  Transfer& out;
  std::optional<IpAddress> address;
  bool via_proxy = false;
  const std::vector<IpAddress>* proxy_addresses = nullptr;  // checked ones; empty: any
  CURL* easy = nullptr;  // for the TLS details, read while the connection is up
  bool tls_details = false;
  std::size_t max_body = 0;
  std::size_t decoded = 0;      // body bytes libcurl handed over, kept or not
  std::optional<bool> encoded;  // decided at the first body bytes
  std::size_t head_bytes = 0;
  std::size_t fields = 0;
  httplib::Headers::iterator last_field;
};

std::string_view trim(std::string_view s) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// "HTTP/1.1 200 OK", "HTTP/2 200": the three digits after the first space, else 0.
int status_of(std::string_view line) {
  auto space = line.find(' ');
  if (space == std::string_view::npos || line.size() < space + 4) return 0;
  int status = 0;
  for (char c : line.substr(space + 1, 3)) {
    if (c < '0' || c > '9') return 0;
    status = status * 10 + (c - '0');
  }
  return status;
}

// The TLS session of the connection the answer arrives on (nothing over plain HTTP).
std::optional<TlsDetails> tls_details_of(CURL* easy) {
  curl_tlssessioninfo* info = nullptr;
  if (curl_easy_getinfo(easy, CURLINFO_TLS_SSL_PTR, &info) != CURLE_OK || info == nullptr ||
      info->backend != CURLSSLBACKEND_OPENSSL || info->internals == nullptr)
    return std::nullopt;
  auto* ssl = static_cast<SSL*>(info->internals);
  TlsDetails details{SSL_get_version(ssl), "", "", ""};
  if (X509* peer = SSL_get1_peer_certificate(ssl)) {
    details.peer_subject = x509_name_text(X509_get_subject_name(peer));
    details.peer_issuer = x509_name_text(X509_get_issuer_name(peer));
    details.peer_not_after = asn1_time_text(X509_get0_notAfter(peer));
    X509_free(peer);
  }
  return details;
}

// Called once per head line: the status line of each head (an interim 1xx one included, then
// forgotten), each field, the blank line that ends the head, and trailer fields.
std::size_t on_header(char* data, std::size_t size, std::size_t count, void* user) {
  auto& call = *static_cast<Call*>(user);
  const std::size_t length = size * count;
  const std::string_view line(data, length);
  if (line.starts_with("HTTP/")) {
    if (call.tls_details && !call.out.tls) call.out.tls = tls_details_of(call.easy);
    call.out.headers.clear();
    call.last_field = call.out.headers.end();
    call.head_bytes = 0;
    call.fields = 0;
    call.out.status = status_of(line);
  }
  call.head_bytes += length;
  if (call.head_bytes > kMaxResponseHeadBytes) {
    call.out.head_too_large = true;
    return 0;  // ends the transfer
  }
  if (line.starts_with("HTTP/")) return length;
  const std::string_view field = trim(line);
  if (field.empty()) {
    if (call.out.status >= 200) call.out.has_head = true;
    return length;
  }
  if ((line.front() == ' ' || line.front() == '\t') && call.last_field != call.out.headers.end()) {
    call.last_field->second.append(" ").append(field);  // an obsolete folded line
    return length;
  }
  const auto colon = field.find(':');
  if (colon == std::string_view::npos) return length;  // not a field: ignored, like httplib did
  if (++call.fields > kMaxResponseHeadFields) {
    call.out.head_too_large = true;
    return 0;
  }
  call.last_field = call.out.headers.emplace(std::string(trim(field.substr(0, colon))),
                                             std::string(trim(field.substr(colon + 1))));
  return length;
}

bool is_encoded(const httplib::Headers& headers) {
  auto [first, last] = headers.equal_range("Content-Encoding");
  return std::any_of(first, last, [](const auto& header) {
    const std::string coding = to_lower_ascii(header.second);
    return !coding.empty() && coding != "identity";
  });
}

// Keeps the first max_body bytes. A plain body is not read past them (the answer is cut short,
// and says so). A compressed one is decoded on, unkept, up to kMaxDecodedBodyBytes: past that
// it is a bomb (300 MiB of zeros in 300 KiB) and the call fails; short of it, a preview of a
// large compressed answer is merely cut, like a plain one.
std::size_t on_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto& call = *static_cast<Call*>(user);
  const std::size_t length = size * count;
  if (!call.encoded) call.encoded = is_encoded(call.out.headers);
  const std::size_t room = call.max_body - call.out.body.size();
  call.out.body.append(data, std::min(length, room));
  if (length > room) {
    call.out.truncated = true;
    if (!*call.encoded) return 0;  // the rest is never read
  }
  call.decoded += length;
  if (*call.encoded && call.decoded > std::max(call.max_body, kMaxDecodedBodyBytes)) {
    call.out.decoded_past_cap = true;
    return 0;
  }
  return length;
}

bool same_address(const curl_sockaddr& socket_address, const IpAddress& address) {
  if (socket_address.family == AF_INET && address.family == IpAddress::Family::V4) {
    const auto* in = reinterpret_cast<const sockaddr_in*>(&socket_address.addr);
    return std::memcmp(&in->sin_addr, address.bytes.data(), 4) == 0;
  }
  if (socket_address.family == AF_INET6 && address.family == IpAddress::Family::V6) {
    const auto* in6 = reinterpret_cast<const sockaddr_in6*>(&socket_address.addr);
    return std::memcmp(&in6->sin6_addr, address.bytes.data(), 16) == 0;
  }
  return false;
}

// The last word on where a connection goes: only to the address the guard checked, whatever
// libcurl was told. Close-on-exec, as the server starts processes (tests, backups).
curl_socket_t open_socket(void* user, curlsocktype purpose, curl_sockaddr* socket_address) {
  const auto& call = *static_cast<const Call*>(user);
  if (purpose != CURLSOCKTYPE_IPCXN) return CURL_SOCKET_BAD;
  // Through a proxy the socket goes to the proxy (the upstream's checked address then travels
  // in the CONNECT): the server's proxy is not guarded (docs/API.md, "Proxy"), a connector's own
  // one is.
  if (call.via_proxy) {
    const auto& allowed = *call.proxy_addresses;
    if (!allowed.empty() && std::none_of(allowed.begin(), allowed.end(), [&](const IpAddress& a) {
          return same_address(*socket_address, a);
        }))
      return CURL_SOCKET_BAD;
  } else if (!call.address || !same_address(*socket_address, *call.address)) {
    return CURL_SOCKET_BAD;
  }
  return ::socket(socket_address->family, socket_address->socktype | SOCK_CLOEXEC,
                  socket_address->protocol);
}

std::string bracketed(const std::string& host) {
  return host.find(':') != std::string::npos ? "[" + host + "]" : host;
}

struct SlistDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using Slist = std::unique_ptr<curl_slist, SlistDeleter>;

void append(Slist& list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr) throw std::bad_alloc();
  list.release();
  list.reset(grown);
}

bool has_header(const httplib::Headers& headers, const char* name) {
  return headers.find(name) != headers.end();  // httplib::Headers compare names without case
}

// The caller's headers, and none of libcurl's own that the caller did not ask for.
Slist header_lines(const HttpRequest& request) {
  Slist lines;
  for (const auto& [name, value] : request.headers)
    append(lines, value.empty() ? name + ";" : name + ": " + value);  // "Name;" sends it empty
  append(lines, "Expect:");  // no 100-continue round trip before a large body
  if (!has_header(request.headers, "Content-Type")) append(lines, "Content-Type:");
  return lines;
}

bool carries_body(const HttpRequest& request) {
  return !request.body.empty() || request.method == "POST" || request.method == "PUT" ||
         request.method == "PATCH";
}

void set_method(CURL* easy, const HttpRequest& request) {
  if (request.method == "HEAD") {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
  } else if (request.method != "GET" && request.method != "POST") {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
  }
  if (carries_body(request)) {
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE,
                     static_cast<curl_off_t>(request.body.size()));
  }
}

long remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return std::max<long>(1, static_cast<long>(left));
}

void set_destination(CURL* easy, const Url& url, Call& call, Slist& connect_to) {
  curl_easy_setopt(easy, CURLOPT_URL, url.to_string().c_str());
  curl_easy_setopt(easy, CURLOPT_PATH_AS_IS, 1L);  // targets arrive encoded and as meant
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);  // by hand, each hop guarded
  // The Host header, SNI and the certificate check use the name; the socket goes to the
  // address the guard checked, never to a second DNS answer.
  if (call.address) {
    const std::string port = std::to_string(url.port);
    append(connect_to, bracketed(url.host) + ":" + port + ":" +
                           bracketed(call.address->to_string()) + ":" + port);
    curl_easy_setopt(easy, CURLOPT_CONNECT_TO, connect_to.get());
  }
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETFUNCTION, open_socket);
  curl_easy_setopt(easy, CURLOPT_OPENSOCKETDATA, &call);
}

// The proxy the caller chose, never one from the environment's *_proxy variables (the server
// reads those once, at start: server_options.cpp).
void set_proxy(CURL* easy, const Transport* transport) {
  if (transport == nullptr || transport->proxy_url.empty()) {
    curl_easy_setopt(easy, CURLOPT_PROXY, "");
    return;
  }
  curl_easy_setopt(easy, CURLOPT_PROXY, transport->proxy_url.c_str());
  curl_easy_setopt(easy, CURLOPT_NOPROXY, "");
  curl_easy_setopt(easy, CURLOPT_SUPPRESS_CONNECT_HEADERS, 1L);
  if (!transport->proxy_username.empty()) {
    curl_easy_setopt(easy, CURLOPT_PROXYUSERNAME, transport->proxy_username.c_str());
    curl_easy_setopt(easy, CURLOPT_PROXYPASSWORD, transport->proxy_password.c_str());
    curl_easy_setopt(easy, CURLOPT_PROXYAUTH, static_cast<long>(CURLAUTH_BASIC));
  }
}

curl_blob blob(const std::string& pem) {
  return curl_blob{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
}

// libcurl keeps the blobs among the connection's TLS settings, so a kept connection or a
// resumed TLS session is used again only by a transfer with the same CA and client
// certificate: one connector's client certificate never speaks for another's.
void set_connector_tls(CURL* easy, const Transport& transport) {
  if (!transport.ca_pem.empty()) {
    curl_blob ca = blob(transport.ca_pem);  // with CURLOPT_CAINFO: trusted besides the bundle
    curl_easy_setopt(easy, CURLOPT_CAINFO_BLOB, &ca);
  }
  if (!transport.client_cert_pem.empty()) {
    curl_blob cert = blob(transport.client_cert_pem);
    curl_blob key = blob(transport.client_key_pem);
    curl_easy_setopt(easy, CURLOPT_SSLCERT_BLOB, &cert);
    curl_easy_setopt(easy, CURLOPT_SSLCERTTYPE, "PEM");
    curl_easy_setopt(easy, CURLOPT_SSLKEY_BLOB, &key);
    curl_easy_setopt(easy, CURLOPT_SSLKEYTYPE, "PEM");
  }
}

void set_tls(CURL* easy, const HttpLimits& limits) {
  if (limits.transport != nullptr) set_connector_tls(easy, *limits.transport);
  if (!limits.ca_cert_path.empty()) {  // else libcurl's default bundle
    curl_easy_setopt(easy, CURLOPT_CAINFO, limits.ca_cert_path.c_str());
    curl_easy_setopt(easy, CURLOPT_CAPATH, nullptr);
  }
  curl_easy_setopt(easy, CURLOPT_SSLVERSION, static_cast<long>(CURL_SSLVERSION_TLSv1_2));
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
}

std::string version_text(long version) {
  switch (version) {
    case CURL_HTTP_VERSION_1_0:
      return "1.0";
    case CURL_HTTP_VERSION_1_1:
      return "1.1";
    case CURL_HTTP_VERSION_2_0:
      return "2";
    case CURL_HTTP_VERSION_3:
      return "3";
    default:
      return "";
  }
}

}  // namespace

Transfer transfer(CURL* easy, const Url& url, const std::optional<IpAddress>& address,
                  const HttpRequest& request, const HttpLimits& limits, bool fresh) {
  Transfer out;
  Call call(out, address, limits.max_body);
  call.via_proxy = limits.transport != nullptr && !limits.transport->proxy_url.empty();
  if (call.via_proxy) call.proxy_addresses = &limits.transport->proxy_addresses;
  call.easy = easy;
  call.tls_details = limits.tls_details && url.is_https();
  std::array<char, CURL_ERROR_SIZE> error{};
  Slist connect_to;
  Slist headers = header_lines(request);

  curl_easy_reset(easy);  // keeps the handle's connection and its share
  curl_easy_setopt(easy, CURLOPT_MAXCONNECTS, 1L);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error.data());
  set_destination(easy, url, call, connect_to);
  set_proxy(easy, limits.transport);
  set_tls(easy, limits);
  set_method(easy, request);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(easy, CURLOPT_USERAGENT, kUserAgent);
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // every coding libcurl can decode
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &call);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &call);
  curl_easy_setopt(easy, CURLOPT_FRESH_CONNECT, fresh ? 1L : 0L);
  // One deadline for everything: connect, TLS, sending, every byte of the answer.
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, remaining_ms(limits.deadline));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, remaining_ms(limits.deadline));

  out.code = curl_easy_perform(easy);
  out.error = error.data();
  long connects = 0;
  curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects);
  out.reused_connection = connects == 0;
  long version = 0;
  curl_easy_getinfo(easy, CURLINFO_HTTP_VERSION, &version);
  out.http_version = version_text(version);
  if (out.code == CURLE_OK && request.method == "HEAD") out.has_head = true;
  return out;
}

}  // namespace datahub::outbound
