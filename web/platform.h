// The one narrow interface between the screens and their host: the browser (platform_web.cpp)
// or a test. Screens never include Emscripten headers; everything the browser does for them
// goes through here.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace datahub::web {

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // same-origin path, e.g. "/api/connectors?limit=50"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;  // 0: the request never got an answer (backend unreachable)
  std::string body;
  std::string content_type;
  std::string etag;
};

// A file the user picked in the browser's file chooser.
struct ChosenFile {
  std::string name;
  double size = 0;   // bytes, as the browser counts them
  std::string text;  // read as UTF-8; empty when the file was too large to read
};

class Platform {
 public:
  virtual ~Platform() = default;

  // Starts a request. `done` runs later on the UI thread, between frames, and wakes the loop.
  virtual void Fetch(HttpRequest request, std::function<void(HttpResponse)> done) = 0;

  // No credential is kept in the browser's storage: the session is an HttpOnly cookie the page
  // never sees, and the CSRF token lives in memory (docs/UI.md, "Sign in").

  // Leaves the page for a same-origin address (the SSO sign-in's start, GET /api/session/sso).
  virtual void GoToPage(std::string_view url) = 0;

  // The address bar's hash ("#/connectors"). `replace` rewrites the current history entry
  // instead of adding one (used to drop "#token=..." or "#setup=..." from the address bar and
  // history).
  virtual std::string Hash() = 0;
  virtual void SetHash(std::string_view hash, bool replace) = 0;

  virtual void SetTitle(std::string_view title) = 0;
  // While `on`, the browser asks before the page is closed or reloaded (unsaved changes).
  virtual void SetLeaveWarning(bool on) = 0;

  // Frames are drawn on demand: input and answers wake the loop, and nothing else does. Asks
  // for a frame within `seconds` (0: the next display frame) for what moves without input: a
  // spinner, a toast's expiry, a search waiting for typing to pause. Requests coalesce to the
  // earliest, and each is spent by the frame it brings, so the app asks again on every frame
  // for as long as it needs frames; idle, it asks nothing and no frame is drawn.
  virtual void WakeAfter(double seconds) = 0;
  // Hands `content` to the browser as a download named `file_name` (its own save dialog or
  // downloads folder: the page never sees where it went).
  virtual void SaveFile(std::string_view file_name, std::string_view mime_type,
                        std::string_view content) = 0;
  // Opens the browser's file chooser for files of `accept` (an <input type=file> accept list).
  // `done` runs later, between frames, with the file; never when the user cancels. Browsers open
  // the chooser only soon after a click or a key press: call it on the frame that saw one.
  virtual void ChooseFile(std::string_view accept, std::function<void(ChosenFile)> done) = 0;
  // A line on the browser console (tests wait for "datahub: ready").
  virtual void ConsoleLog(std::string_view line) = 0;
};

}  // namespace datahub::web
