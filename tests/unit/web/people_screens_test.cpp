// The people screens through the whole App, headless (docs/UI.md, "Sign in", "Header", "Roles",
// "Users", "API tokens"): what each role sees, the header, sign-out, an ended session, the Users
// and API tokens dialogs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app_screen.h"
#include "tokens_state.h"

namespace datahub::web {
namespace {

using nlohmann::json;

const char* kStored =
    R"js({"id":"c_1","type":"api","name":"ERP","base_url":"https://erp.example.com",
  "status":"disabled","auth":{"method":"none"},"headers":[],"timeout_ms":30000,
  "created_at":"2026-11-29T21:10:15Z","updated_at":"2026-11-29T21:10:15Z","version":3})js";
const char* kEmptyList = R"({"items":[],"next_cursor":null,"total":0})";

std::string SessionOf(const char* role) {
  return json({{"user",
                {{"id", "u_2"},
                 {"username", "sam"},
                 {"display_name", "Sam Smith"},
                 {"role", role},
                 {"disabled", false},
                 {"version", 1}}},
               {"csrf_token", "csrf-9"}})
      .dump();
}

struct PeopleScreens : testing::AppScreen {
  PeopleScreens() : AppScreen(900) {}
  void StartAs(const char* role, const char* hash) {
    platform.session_body = SessionOf(role);
    Start(hash);
  }
  void Answer(int status, std::string body, std::string etag = "") {
    auto p = std::move(platform.pending.front());
    platform.pending.pop_front();
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    r.etag = std::move(etag);
    p.done(std::move(r));
    Frames();
  }
  bool Disabled(std::string_view label) {
    const ProbeItem* item = Item(label);
    return item && item->disabled;
  }
};

TEST_F(PeopleScreens, TheHeaderShowsWhoIsSignedInAndSignOut) {
  StartAs("editor", "#/connectors");
  Answer(200, kEmptyList);
  EXPECT_TRUE(Shows("Sam Smith · editor"));
  EXPECT_TRUE(Shows("Sign out"));
  EXPECT_TRUE(Shows("API tokens"));
  EXPECT_FALSE(Shows("Users")) << "only an admin manages users";
  Click("Sign out");
  ASSERT_FALSE(platform.pending.empty());
  EXPECT_EQ(platform.pending.front().request.method, "DELETE");
  EXPECT_EQ(platform.pending.front().request.url, "/api/session");
  EXPECT_EQ(app.ScreenName(), "#/login");
  EXPECT_TRUE(Shows("Username"));
  EXPECT_TRUE(Shows("You have signed out."));
  EXPECT_FALSE(Shows("Sam Smith · editor"));
}

TEST_F(PeopleScreens, AViewerSeesNoButtonThatChangesAnything) {
  StartAs("viewer", "#/connectors");
  Answer(200, kEmptyList);
  EXPECT_TRUE(Shows("Data Hub"));
  EXPECT_FALSE(Shows("Configure a new Connector"));
  EXPECT_FALSE(Shows("Import…"));
  EXPECT_FALSE(Shows("Export…"));
}

TEST_F(PeopleScreens, AViewerReadsAConnectorWithoutActions) {
  StartAs("viewer", "#/connectors/c_1");
  Answer(200, kStored, "\"3\"");
  EXPECT_TRUE(Shows("Connection name"));
  EXPECT_TRUE(Disabled("Connection name"));
  EXPECT_FALSE(Shows("More actions"));
  EXPECT_FALSE(Shows("Test connection"));
  EXPECT_FALSE(Shows("Save"));
  EXPECT_TRUE(Shows("Read only: changing this connector needs the editor role."));
}

TEST_F(PeopleScreens, AViewerSentToTheNewConnectorFormGetsTheDataHub) {
  StartAs("viewer", "#/connectors/new");
  EXPECT_EQ(platform.hash, "#/connectors");
  EXPECT_EQ(app.ScreenName(), "#/connectors");
}

TEST_F(PeopleScreens, AnOperatorTestsAndSwitchesButCannotEdit) {
  StartAs("operator", "#/connectors/c_1");
  Answer(200, kStored, "\"3\"");
  EXPECT_TRUE(Shows("Test connection"));
  EXPECT_FALSE(Disabled("Test connection"));
  EXPECT_TRUE(Shows("Save"));
  EXPECT_TRUE(Disabled("Save"));
  EXPECT_TRUE(Disabled("Connection name"));
  Click("More actions");
  EXPECT_FALSE(Disabled("Activate"));
  EXPECT_TRUE(Disabled("Delete"));
}

TEST_F(PeopleScreens, AnEditorEdits) {
  StartAs("editor", "#/connectors/c_1");
  Answer(200, kStored, "\"3\"");
  EXPECT_FALSE(Disabled("Connection name"));
  EXPECT_FALSE(Shows("Read only: changing this connector needs the editor role."));
}

TEST_F(PeopleScreens, A401ReturnsToSignInWithAMessage) {
  StartAs("admin", "#/connectors");
  Answer(401, R"({"type":"urn:datahub:problem:unauthorized","title":"Unauthorized",
    "status":401,"detail":"Sign in."})");
  Frames();
  EXPECT_EQ(app.ScreenName(), "#/login");
  EXPECT_TRUE(Shows("Your session has ended. Sign in again to go on."));
}

TEST_F(PeopleScreens, SignInFromTheForm) {
  platform.session_status = 401;
  platform.session_body = "";
  Start("#/connectors");
  EXPECT_EQ(app.ScreenName(), "#/login");
  std::string focused;
  for (const ProbeItem& i : ui.Probe().LastFrameItems())
    if (i.focused) focused = i.label;
  EXPECT_EQ(focused, "Username") << "the first field has the focus";
  Answer(404, "");  // no SSO
  EXPECT_FALSE(Shows("Sign in with SSO"));
  TypeInto("Username", "sam");
  TypeInto("Password", "a long password");
  Press(ImGuiKey_Enter);
  ASSERT_FALSE(platform.pending.empty());
  EXPECT_EQ(platform.pending.front().request.url, "/api/session");
  Answer(200, SessionOf("editor"));
  EXPECT_EQ(app.ScreenName(), "#/connectors");
  ASSERT_FALSE(platform.pending.empty());
  EXPECT_EQ(platform.pending.front().request.url.rfind("/api/connectors?", 0), 0u)
      << "the Data Hub loads once signed in";
}

TEST_F(PeopleScreens, AWrongPasswordLeavesTheUsernameAndFocusesThePassword) {
  platform.session_status = 401;
  platform.session_body = "";
  Start("#/connectors");
  Answer(404, "");  // no SSO
  TypeInto("Username", "sam");
  TypeInto("Password", "a wrong password");
  Press(ImGuiKey_Enter);
  Answer(401, R"({"type":"urn:datahub:problem:unauthorized","title":"Unauthorized",
    "status":401,"detail":"Wrong username or password."})");
  Frames();
  std::string focused;
  for (const ProbeItem& i : ui.Probe().LastFrameItems())
    if (i.focused) focused = i.label;
  EXPECT_EQ(focused, "Password") << "the password is what to type again";
  EXPECT_TRUE(Shows("Wrong username or password."));
}

TEST_F(PeopleScreens, AnEditorsExportOffersNoPassphrase) {
  StartAs("editor", "#/connectors");
  Answer(200, kEmptyList);
  Click("Export…");
  EXPECT_FALSE(Shows("Passphrase"));
  EXPECT_TRUE(
      Shows("Secrets (client secrets, passwords, secret headers, keys) are left out of the "
            "file: exporting them, sealed with a passphrase, needs the admin role."));
}

TEST_F(PeopleScreens, UsersListAddAndTheServersErrors) {
  StartAs("admin", "#/users");
  ASSERT_FALSE(platform.pending.empty());
  EXPECT_EQ(platform.pending.front().request.url, "/api/users");
  Answer(200, R"({"items":[{"id":"u_1","username":"root","display_name":"Root","role":"admin",
    "disabled":false,"created_at":"2026-12-01T10:00:00Z","last_login_at":null,"version":2}]})");
  EXPECT_TRUE(Shows("root"));
  EXPECT_TRUE(Shows("never"));
  Click("Add user");
  EXPECT_TRUE(Shows("Display name"));
  TypeInto("Username", "bob");
  TypeInto("Display name", "Bob");
  Click("editor");
  TypeInto("Password", "short");
  Click("Create user");
  EXPECT_TRUE(Shows("Password must be at least 12 characters"));
  EXPECT_TRUE(platform.pending.empty());
  TypeInto("Password", " but now long enough");
  Press(ImGuiKey_Enter);
  ASSERT_EQ(platform.pending.size(), 1u);
  const HttpRequest& r = platform.pending.front().request;
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(json::parse(r.body)["role"], "editor");
  Answer(422, R"({"type":"urn:datahub:problem:validation","title":"Validation failed",
    "status":422,"detail":"1 field","errors":[{"field":"username","message":"is taken"}]})");
  EXPECT_TRUE(Shows("Username is taken"));
  Press(ImGuiKey_Escape);
  EXPECT_FALSE(Shows("Display name"));
}

TEST_F(PeopleScreens, TheLastAdminIsSaidPlainly) {
  StartAs("admin", "#/users");
  Answer(200, R"({"items":[{"id":"u_1","username":"root","display_name":"Root","role":"admin",
    "disabled":false,"created_at":"2026-12-01T10:00:00Z","last_login_at":null,"version":2}]})");
  Click("Edit root");
  Click("viewer");
  Click("Save user");
  ASSERT_EQ(platform.pending.size(), 1u);
  const HttpRequest& r = platform.pending.front().request;
  EXPECT_EQ(r.method, "PUT");
  EXPECT_EQ(r.url, "/api/users/u_1");
  bool if_match = false;
  for (auto& [n, v] : r.headers) if_match |= n == "If-Match" && v == "\"2\"";
  EXPECT_TRUE(if_match);
  EXPECT_FALSE(json::parse(r.body).contains("password")) << "no new password typed";
  Answer(409, R"({"type":"urn:datahub:problem:last-admin","title":"Last administrator",
    "status":409,"detail":"The last enabled admin cannot be demoted."})");
  EXPECT_TRUE(
      Shows("This is the last enabled administrator: the Data Hub needs one. Make another user an "
            "admin first."));
}

TEST_F(PeopleScreens, ANonAdminSentToUsersGetsTheDataHub) {
  StartAs("editor", "#/users");
  EXPECT_EQ(platform.hash, "#/connectors");
}

TEST_F(PeopleScreens, ANewTokenIsShownOnceWithCopy) {
  StartAs("operator", "#/tokens");
  EXPECT_EQ(platform.pending.front().request.url, "/api/tokens");
  Answer(200, R"({"items":[]})");
  EXPECT_TRUE(Shows("API tokens"));
  Click("Create API token");
  EXPECT_TRUE(Shows("operator"));
  EXPECT_FALSE(Shows("editor")) << "a role up to one's own";
  TypeInto("Name", "nightly sync");
  TypeInto("Connector IDs (optional)", ",,,");
  Press(ImGuiKey_Enter);
  EXPECT_TRUE(Shows("Connector IDs (optional) names no connector ID (leave it empty for all)"))
      << "not every connector";
  EXPECT_TRUE(platform.pending.empty());
  for (int i = 0; i < 3; ++i) Press(ImGuiKey_Backspace);  // the field kept the focus
  TypeInto("Expires on (optional)", "2027-13-01");
  Press(ImGuiKey_Enter);
  EXPECT_TRUE(Shows("Expires on (optional) must be a date as YYYY-MM-DD"));
  Click("Expires on (optional)");
  for (int i = 0; i < 10; ++i) Press(ImGuiKey_Backspace);
  Click("Create token");
  ASSERT_EQ(platform.pending.size(), 1u);
  json body = json::parse(platform.pending.front().request.body);
  EXPECT_EQ(body["name"], "nightly sync");
  EXPECT_EQ(body["role"], "viewer");
  EXPECT_TRUE(body["connector_ids"].is_null());
  Answer(201, R"({"id":"t_1","name":"nightly sync","role":"viewer","connector_ids":null,
    "expires_at":null,"created_at":"2026-12-06T10:00:00Z","last_used_at":null,
    "token":"dht_secret_once"})");
  EXPECT_TRUE(Shows("Copy"));
  EXPECT_TRUE(
      Shows("Copy it now: it will not be shown again. Keep it where its program reads it."));
  ASSERT_NE(Item("New token"), nullptr);
  Click("Copy");
  EXPECT_STREQ(ImGui::GetClipboardText(), "dht_secret_once");
  Answer(200, R"({"items":[{"id":"t_1","name":"nightly sync","role":"viewer",
    "connector_ids":null,"expires_at":null,"created_at":"2026-12-06T10:00:00Z",
    "last_used_at":null}]})");
  Click("Done");
  EXPECT_EQ(Item("New token"), nullptr) << "never shown again";
  EXPECT_TRUE(Shows("never used"));
  Click("Revoke nightly sync");
  Click("Revoke token");
  ASSERT_EQ(platform.pending.size(), 1u);
  EXPECT_EQ(platform.pending.front().request.method, "DELETE");
  EXPECT_EQ(platform.pending.front().request.url, "/api/tokens/t_1");
}

TEST(TokensForm, ReadsConnectorsAndExpiry) {
  EXPECT_FALSE(ConnectorIdsFromText(" , "));
  EXPECT_EQ(ConnectorIdsFromText("c_1, c_2 c_3"), (std::vector<std::string>{"c_1", "c_2", "c_3"}));
  EXPECT_EQ(ExpiryFromDate("2027-01-31").value(), "2027-01-31T23:59:59Z");
  EXPECT_FALSE(ExpiryFromDate("").value());
  EXPECT_FALSE(ExpiryFromDate("31/01/2027"));
  EXPECT_FALSE(ExpiryFromDate("2027-00-10"));
}

TEST_F(PeopleScreens, HistoryNamesWhoMadeEachChange) {
  platform.history_body = R"({"items":[{"at":"2026-12-06T09:00:00Z","action":"updated",
    "version":4,"changes":[],"actor":{"type":"user","id":"u_1","name":"root"}},
    {"at":"2026-12-06T08:00:00Z","action":"disabled","version":3,"changes":[],
     "actor":{"type":"token","id":"t_1","name":"The admin"}},
    {"at":"2026-12-06T07:00:00Z","action":"activated","version":2,"changes":[],
     "actor":{"type":"admin-token","id":"admin-token","name":"admin-token"}},
    {"at":"2026-12-05T09:00:00Z","action":"created","version":1,"changes":[]}]})";
  StartAs("admin", "#/connectors/c_1");
  Answer(200, kStored, "\"3\"");
  Click("History");
  EXPECT_TRUE(Shows("by root"));
  EXPECT_TRUE(Shows("by API token “The admin”")) << "a token's name cannot pass for a person";
  EXPECT_TRUE(Shows("by the admin token"));
}

}  // namespace
}  // namespace datahub::web
