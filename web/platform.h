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

class Platform {
 public:
  virtual ~Platform() = default;

  // Starts a request. `done` runs later on the UI thread, between frames, and wakes the loop.
  virtual void Fetch(HttpRequest request, std::function<void(HttpResponse)> done) = 0;

  // Per-tab storage (sessionStorage in the browser): the admin token lives there.
  virtual std::string SessionGet(std::string_view key) = 0;
  virtual void SessionSet(std::string_view key, std::string_view value) = 0;
  virtual void SessionRemove(std::string_view key) = 0;

  // The address bar's hash ("#/connectors"). `replace` rewrites the current history entry
  // instead of adding one (used to drop "#token=..." from the address bar and history).
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
  // A line on the browser console (tests wait for "datahub: ready").
  virtual void ConsoleLog(std::string_view line) = 0;
};

}  // namespace datahub::web
