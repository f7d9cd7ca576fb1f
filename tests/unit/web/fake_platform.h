// A Platform for tests: in-memory session and address bar, console lines kept, and requests
// queued until the test answers them (as the backend would, in any order).
#pragma once

#include <deque>
#include <map>
#include <string>
#include <vector>

#include "platform.h"

namespace datahub::web::testing {

class FakePlatform : public Platform {
 public:
  struct Pending {
    HttpRequest request;
    std::function<void(HttpResponse)> done;
  };

  void Fetch(HttpRequest request, std::function<void(HttpResponse)> done) override {
    // A connector's screen reads its history on arrival (to date its stored secrets): unless a
    // test holds it to answer itself, it is answered at once, as `history_body`.
    if (!hold_history && request.method == "GET" && request.url.ends_with("/history")) {
      HttpResponse r;
      r.status = 200;
      r.body = history_body;
      done(std::move(r));
      return;
    }
    // The app asks who is signed in when it starts: answered at once unless a test holds it.
    const bool exchange = request.method == "POST" && request.url == "/api/session" &&
                          request.body.find("\"token\"") != std::string::npos;
    if (!hold_session && ((request.method == "GET" && request.url == "/api/session") || exchange)) {
      sessions_asked.push_back(request);
      HttpResponse r;
      r.status = session_status;
      r.body = session_body;
      done(std::move(r));
      return;
    }
    pending.push_back({std::move(request), std::move(done)});
  }
  void GoToPage(std::string_view url) override { left_for = std::string(url); }
  std::string Hash() override { return hash; }
  void SetHash(std::string_view h, bool replace) override {
    if (!replace) history.push_back(hash);
    hash = std::string(h);
  }
  void SetTitle(std::string_view t) override { title = std::string(t); }
  void SetLeaveWarning(bool on) override { leave_warning = on; }
  void WakeAfter(double seconds) override { wakes.push_back(seconds); }
  void ConsoleLog(std::string_view line) override { console.emplace_back(line); }
  void SaveFile(std::string_view name, std::string_view mime, std::string_view content) override {
    saved.push_back({std::string(name), std::string(mime), std::string(content)});
  }
  void ChooseFile(std::string_view accept, std::function<void(ChosenFile)> done) override {
    choosing_accept = std::string(accept);
    choosing = std::move(done);
  }
  // The user picks a file in the chooser opened last.
  void PickFile(std::string name, std::string text) {
    ChosenFile file{std::move(name), static_cast<double>(text.size()), std::move(text)};
    auto done = std::move(choosing);
    choosing = nullptr;
    done(std::move(file));
  }

  // Answers the oldest pending request.
  void Answer(int status, std::string body) {
    Pending p = std::move(pending.front());
    pending.pop_front();
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    p.done(std::move(r));
  }

  bool hold_history = false;
  bool hold_session = false;
  int session_status = 200;  // an admin signed in, unless a test says otherwise
  std::string session_body =
      R"({"user":{"id":"u_admin","username":"admin","display_name":"Ada Admin","role":"admin",)"
      R"("disabled":false,"version":1},"csrf_token":"csrf-1"})";
  std::string left_for;                     // the address GoToPage left for
  std::vector<HttpRequest> sessions_asked;  // the session calls answered at once
  std::string history_body = R"({"items":[]})";
  std::deque<Pending> pending;
  std::string hash;
  std::vector<std::string> history;  // hashes left by pushes (what "back" returns to)
  std::string title;
  std::vector<std::string> console;
  bool leave_warning = false;
  std::vector<double> wakes;
  struct Saved {
    std::string name, mime, content;
  };
  std::vector<Saved> saved;                  // downloads, in order
  std::function<void(ChosenFile)> choosing;  // the open file chooser's callback, if any
  std::string choosing_accept;               // every WakeAfter since the test last cleared it
};

}  // namespace datahub::web::testing
