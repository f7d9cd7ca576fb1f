// ApiClient over HTTP: the REST contract of API.md, sent through Platform::Fetch with the admin
// token from the session.
#pragma once

#include "api_client.h"
#include "platform.h"

namespace datahub::web {

inline constexpr const char* kTokenKey = "datahub.token";  // sessionStorage key of the token

class HttpApiClient : public ApiClient {
 public:
  explicit HttpApiClient(Platform& platform) : m_platform(platform) {}
  void ListConnectors(const ListQuery& query, ApiCallback<ConnectorPage> done) override;

 private:
  HttpRequest Request(std::string method, std::string path);
  Platform& m_platform;
};

// Reads an error answer (a problem+json body or anything else) into a Problem for the UI.
Problem ProblemFromResponse(const HttpResponse& response);
// Percent-encodes a query parameter value (RFC 3986 unreserved characters pass through).
std::string UrlEncode(std::string_view value);

}  // namespace datahub::web
