// The people-and-access calls the screens make (docs/API.md, "People and access"): signing in
// and out, the first administrator, users and API tokens. An interface beside ApiClient;
// HttpApiClient implements both.
#pragma once

#include <string>
#include <vector>

#include "api_client.h"
#include "api_people_types.h"

namespace datahub::web {

class PeopleApi {
 public:
  virtual ~PeopleApi() = default;
  // GET /api/session: 401 when nobody is signed in.
  virtual void GetSession(ApiCallback<SessionInfo> done) = 0;
  virtual void SignIn(const std::string& username, const std::string& password,
                      ApiCallback<SessionInfo> done) = 0;
  // POST /api/session {"token"}: the "#token=" link's token exchanged for a session.
  virtual void SignInWithToken(const std::string& token, ApiCallback<SessionInfo> done) = 0;
  virtual void Setup(const SetupRequest& request, ApiCallback<SessionInfo> done) = 0;
  virtual void SignOut(ApiCallback<Done> done) = 0;
  // GET /api/session/options: whether "Sign in with SSO" is offered (false on a 404).
  virtual void SsoOffered(ApiCallback<bool> done) = 0;

  virtual void ListUsers(ApiCallback<std::vector<UserDoc>> done) = 0;
  virtual void CreateUser(const UserChange& user, ApiCallback<UserDoc> done) = 0;
  virtual void UpdateUser(const std::string& id, const std::string& etag, const UserChange& user,
                          ApiCallback<UserDoc> done) = 0;

  virtual void ListTokens(ApiCallback<std::vector<ApiToken>> done) = 0;
  virtual void CreateToken(const NewToken& token, ApiCallback<CreatedToken> done) = 0;
  virtual void RevokeToken(const std::string& id, ApiCallback<Done> done) = 0;

  // After an answer of 401 to any other call (the session ended): true once, then false.
  virtual bool TakeSessionLost() = 0;
  // The CSRF token of the session (empty: none), sent with unsafe methods.
  virtual void SetCsrfToken(std::string token) = 0;
};

}  // namespace datahub::web
