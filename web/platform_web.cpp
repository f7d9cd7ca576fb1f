// The browser platform: GLFW + WebGL2 through Emscripten, the canvas at devicePixelRatio, frames
// drawn on demand, fetch, clipboard and the address bar. The only file of the
// front end that includes Emscripten headers.
//
// [SECTION] JavaScript helpers
// [SECTION] WebPlatform: the Platform interface for the browser
// [SECTION] State of the page
// [SECTION] Canvas size, devicePixelRatio and fonts
// [SECTION] Frames on demand
// [SECTION] The screen-reader mirror
// [SECTION] Callbacks from JavaScript
// [SECTION] main

#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#define GLFW_INCLUDE_ES3
#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "api_client_http.h"
#include "app.h"
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"  // InputEventsQueue: input still to be handled
#include "platform.h"
#include "ui_fonts.h"
#include "ui_probe.h"
#include "ui_style.h"
#include "ui_widgets.h"

// [SECTION] JavaScript helpers
// Defined in web/js/library_*.js, linked with --js-library. Strings handed to C++ are malloc'ed
// there and freed here (TakeJsString).
extern "C" {
// library_page.js
void js_go_to_page(const char* url);
char* js_get_hash();
void js_set_hash(const char* hash, int replace);
void js_set_title(const char* title);
void js_set_leave_warning(int on);
void js_console_log(const char* line);
void js_clipboard_write(const char* text);
void js_mirror_update(const char* json);  // assets/a11y_mirror.js, only when the mirror changed
void js_page_drawn();
// library_fetch.js
void js_fetch(int id, const char* method, const char* url, const char* headers_json,
              const char* body);
void js_load_font();
// library_file.js
void js_save_file(const char* name, const char* mime, const char* content);
void js_choose_file(int id, const char* accept, double max_bytes);
// library_input.js
void js_install_listeners();
// library_probe.js
void js_install_probe();
}

namespace datahub::web {
namespace {

std::string TakeJsString(char* p) {
  std::string s = p ? p : "";
  std::free(p);
  return s;
}

// [SECTION] WebPlatform: the Platform interface for the browser

void OnWakeTimer(void* user_data);  // see [SECTION] Frames on demand

class WebPlatform : public Platform {
 public:
  void Fetch(HttpRequest request, std::function<void(HttpResponse)> done) override {
    int id = ++m_next_fetch;
    m_pending[id] = std::move(done);
    nlohmann::json headers = nlohmann::json::object();
    for (auto& [name, value] : request.headers) headers[name] = value;
    js_fetch(id, request.method.c_str(), request.url.c_str(), headers.dump().c_str(),
             request.body.c_str());
  }
  // Called when a fetch settles; runs the callback on the UI thread, between frames.
  void Complete(int id, HttpResponse response) {
    auto it = m_pending.find(id);
    if (it == m_pending.end()) return;
    auto done = std::move(it->second);
    m_pending.erase(it);
    done(std::move(response));
  }
  void GoToPage(std::string_view url) override { js_go_to_page(std::string(url).c_str()); }
  std::string Hash() override { return TakeJsString(js_get_hash()); }
  void SetHash(std::string_view hash, bool replace) override {
    js_set_hash(std::string(hash).c_str(), replace ? 1 : 0);
  }
  void SetTitle(std::string_view title) override { js_set_title(std::string(title).c_str()); }
  void SetLeaveWarning(bool on) override { js_set_leave_warning(on ? 1 : 0); }
  // One browser timer at a time, for the earliest wake asked for: the app asks again on every
  // frame while it animates, and a later request must not push an earlier one back.
  void WakeAfter(double seconds) override {
    const double ms = std::max(0.0, seconds * 1000.0);
    const double due = emscripten_get_now() + ms;
    if (m_wake_timer != 0 && due >= m_wake_due) return;
    if (m_wake_timer != 0) emscripten_clear_timeout(m_wake_timer);
    m_wake_due = due;
    m_wake_timer = emscripten_set_timeout(OnWakeTimer, ms, nullptr);
  }
  void WakeTimerFired() { m_wake_timer = 0; }
  void ConsoleLog(std::string_view line) override { js_console_log(std::string(line).c_str()); }
  void SaveFile(std::string_view name, std::string_view mime, std::string_view content) override {
    js_save_file(std::string(name).c_str(), std::string(mime).c_str(),
                 std::string(content).c_str());
  }
  void ChooseFile(std::string_view accept, std::function<void(ChosenFile)> done) override {
    m_choosing = std::move(done);  // a chooser opened again replaces one cancelled unseen
    js_choose_file(++m_next_choice, std::string(accept).c_str(), kMaxFileBytes);
  }
  // Called when the chooser of `id` gave a file; one from an older chooser is dropped.
  void FileChosen(int id, ChosenFile file) {
    if (id != m_next_choice || !m_choosing) return;
    auto done = std::move(m_choosing);
    m_choosing = nullptr;
    done(std::move(file));
  }

 private:
  // Larger files are not read into memory: the text is left empty (C++ says it is too large).
  static constexpr double kMaxFileBytes = 16.0 * 1024 * 1024;
  int m_next_choice = 0;
  std::function<void(ChosenFile)> m_choosing;
  int m_next_fetch = 0;
  std::map<int, std::function<void(HttpResponse)>> m_pending;
  long m_wake_timer = 0;  // 0: none pending
  double m_wake_due = 0;  // emscripten_get_now() time it fires at
};

// [SECTION] State of the page
// One page, one of each; callbacks from JavaScript reach them through s_page.

constexpr int kFramesAfterEvent = 6;  // enough for ImGui to settle hover, clicks and layout
constexpr const char* kCanvas = "#canvas";

struct Page {
  GLFWwindow* window = nullptr;
  WebPlatform platform;
  HttpApiClient api{platform};
  App app{platform, api};
  UiProbe probe;
  std::vector<unsigned char> font_file;  // kept: the atlas is rebuilt from it at each DPR change
  bool font_ready = false;
  float pixel_ratio = 0;  // what the fonts and style were built for; 0 before the first build
  bool resize_pending = true;
  int width = 0, height = 0;  // canvas backing size, framebuffer pixels
  int frame_budget = 0;
  bool frame_scheduled = false;
  bool page_drawn = false;
  bool close_menus = false;    // close open menus at the start of the next frame
  int held_frames = 0;         // frames in a row a press was held back (HeldPressStart)
  std::string clipboard;       // the last paste event's text, until ImGui reads it
  std::string clipboard_read;  // what ImGui read last (it keeps the pointer for the frame)
  std::string probe_json;      // keeps the last answer alive for JavaScript to read
  int mirror_click_step = 0;   // frames left of a click forwarded from the mirror
  ImVec2 mirror_click_pos;     // where it lands, framebuffer pixels
  // A mirror click on an item scrolled out of sight: scrolled into view first, then clicked.
  unsigned mirror_scroll_id = 0;
  int mirror_scroll_occurrence = 0;
  int mirror_scroll_frames = 0;  // frames left to wait for it to come into view
  std::string screen_name;
};
Page* s_page = nullptr;

// [SECTION] Canvas size, devicePixelRatio and fonts

// Emscripten's GLFW ignores devicePixelRatio: the backing store is sized here, CSS size x DPR,
// and ImGui works in framebuffer pixels with fonts and style scaled by the DPR.
void ApplyCanvasSize(Page& page) {
  page.resize_pending = false;
  double css_w = 0, css_h = 0;
  emscripten_get_element_css_size(kCanvas, &css_w, &css_h);
  float ratio = static_cast<float>(emscripten_get_device_pixel_ratio());
  if (ratio <= 0) ratio = 1;
  int width = std::max(1, static_cast<int>(std::lround(css_w * ratio)));
  int height = std::max(1, static_cast<int>(std::lround(css_h * ratio)));
  // Not glfwSetWindowSize: Emscripten's GLFW takes a size equal to the screen's as a request
  // for fullscreen. ImGui gets the size in DrawFrame instead of from GLFW.
  if (width != page.width || height != page.height) {
    emscripten_set_canvas_element_size(kCanvas, width, height);
    page.width = width;
    page.height = height;
  }

  if (page.font_ready && ratio != page.pixel_ratio) {
    page.pixel_ratio = ratio;
    page.app.SetFonts(BuildFonts(page.font_file, ratio));
    ApplyStyle(ratio);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
}

// [SECTION] Frames on demand

void StepMirrorClick(Page& page);  // see [SECTION] The screen-reader mirror
void StepMirrorScroll(Page& page);

void DrawFrame(Page& page) {
  if (page.resize_pending) ApplyCanvasSize(page);
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  if (page.mirror_scroll_frames > 0) StepMirrorScroll(page);
  if (page.mirror_click_step > 0) StepMirrorClick(page);
  // GLFW's window size is not the canvas size (see ApplyCanvasSize): ImGui works in the
  // canvas's framebuffer pixels, which is also what Emscripten reports mouse positions in.
  ImGuiIO& io = ImGui::GetIO();
  io.DisplaySize = ImVec2(static_cast<float>(page.width), static_cast<float>(page.height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  ActivateFocusedOnEnterOrSpace();
  ImGui::NewFrame();
  if (page.close_menus) {
    page.close_menus = false;
    ImGui::ClosePopupsExceptModals();  // a press outside waits for this (HeldPressStart)
  }
  page.app.Draw();
  ImGui::Render();
  glViewport(0, 0, page.width, page.height);
  const ImVec4 bg = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  page.app.AfterRender();
  const std::string mirror = page.probe.MirrorJsonIfChanged();
  if (!mirror.empty()) js_mirror_update(mirror.c_str());
  if (!page.page_drawn) {
    page.page_drawn = true;
    js_page_drawn();
  }
}

void RequestFrames(Page& page, int count);

// Every click lands the first time. ImGui's overlapping items (tabs, column headers) take a
// press only when they were hovered on the frame before, and a press outside an open menu
// only closes it. So a press waits one frame while the pointer's move to it is still queued,
// and one more while a menu it falls outside of closes. Returns where the held events start in
// the queue (its size when nothing is held).
int HeldPressStart(Page& page) {
  ImGuiContext& g = *ImGui::GetCurrentContext();
  const ImVector<ImGuiInputEvent>& queue = g.InputEventsQueue;
  bool moved = false;
  for (int i = 0; i < queue.Size; ++i) {
    const ImGuiInputEvent& e = queue[i];
    if (e.Type == ImGuiInputEventType_MousePos) moved = true;
    if (e.Type != ImGuiInputEventType_MouseButton || !e.MouseButton.Down) continue;
    if (moved) return i;
    if (!g.OpenPopupStack.empty()) {
      const ImGuiWindow* popup = g.OpenPopupStack.back().Window;
      const ImGuiWindow* hovered = g.HoveredWindow;
      const bool modal = popup && (popup->Flags & ImGuiWindowFlags_Modal);
      if (!modal && (!hovered || !popup || hovered->RootWindow != popup->RootWindow)) {
        page.close_menus = true;
        return i;
      }
    }
    return queue.Size;
  }
  return queue.Size;
}

EM_BOOL OnAnimationFrame(double, void*) {
  Page& page = *s_page;
  page.frame_scheduled = false;
  ImVector<ImGuiInputEvent>& queue = ImGui::GetCurrentContext()->InputEventsQueue;
  // At most two frames in a row: a menu that would not close must not swallow the press.
  const int held_from = page.held_frames < 2 ? HeldPressStart(page) : queue.Size;
  page.held_frames = held_from < queue.Size ? page.held_frames + 1 : 0;
  ImVector<ImGuiInputEvent> held;
  for (int i = held_from; i < queue.Size; ++i) held.push_back(queue[i]);
  queue.resize(held_from);
  DrawFrame(page);
  for (const ImGuiInputEvent& e : held) queue.push_back(e);
  --page.frame_budget;
  // Input that arrived during the frame, or events ImGui trickles over several frames, need
  // more frames; otherwise the loop sleeps until the next event.
  bool queued_input = ImGui::GetCurrentContext()->InputEventsQueue.Size > 0;
  if (page.frame_budget > 0 || queued_input) RequestFrames(page, queued_input ? 2 : 0);
  return EM_FALSE;  // one-shot: the next frame is requested only when needed
}

void RequestFrames(Page& page, int count) {
  page.frame_budget = std::max(page.frame_budget, count);
  if (!page.font_ready || page.frame_scheduled || page.frame_budget <= 0) return;
  page.frame_scheduled = true;
  emscripten_request_animation_frame(OnAnimationFrame, nullptr);
}

// A wake the app asked for (Platform::WakeAfter): one frame; the app asks again if it needs more.
void OnWakeTimer(void*) {
  s_page->platform.WakeTimerFired();
  RequestFrames(*s_page, 1);
}

// [SECTION] The screen-reader mirror

// A screen reader's click on a mirrored item, as a mouse makes it over three frames: the pointer
// moves onto the item's centre (ImGui takes a press on what was hovered the frame before), presses,
// releases. Added after the GLFW backend's own pointer position, so that one cannot move it away.
void StepMirrorClick(Page& page) {
  // Input still queued (keys typed just before, which ImGui takes a few per frame) goes first:
  // a press queued behind it would be split from its release (see HeldPressStart).
  for (const ImGuiInputEvent& e : ImGui::GetCurrentContext()->InputEventsQueue) {
    if (e.Type != ImGuiInputEventType_MousePos) {
      RequestFrames(page, 2);
      return;
    }
  }
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(page.mirror_click_pos.x, page.mirror_click_pos.y);
  if (page.mirror_click_step == 2) io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
  if (page.mirror_click_step == 1) io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
  --page.mirror_click_step;
  if (page.mirror_click_step > 0) RequestFrames(page, 2);
}

// The mouse wheel, as ImGui's GLFW backend reads it (its pixel, line and page steps), but heard
// on the canvas: the backend listens on the document, where Chromium makes a wheel listener
// passive, and every notch logged "Unable to preventDefault inside passive event listener".
EM_BOOL OnWheel(int, const EmscriptenWheelEvent* ev, void*) {
  float multiplier = 0.0f;
  if (ev->deltaMode == DOM_DELTA_PIXEL)
    multiplier = 1.0f / 100.0f;  // 100 pixels make a step
  else if (ev->deltaMode == DOM_DELTA_LINE)
    multiplier = 1.0f / 3.0f;  // 3 lines make a step
  else if (ev->deltaMode == DOM_DELTA_PAGE)
    multiplier = 80.0f;  // a page makes 80 steps
  ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(ev->deltaX) * -multiplier,
                                    static_cast<float>(ev->deltaY) * -multiplier);
  return EM_TRUE;  // the page itself does not scroll
}

// Scrolls the window a mirrored item sits in so that the item comes to its middle, as a person
// would before clicking it.
void ScrollIntoView(const ProbeItem& item) {
  ImGuiWindow* window = ImGui::FindWindowByID(item.window_id);
  if (!window) return;
  ImGui::SetScrollFromPosY(window, item.y + item.h * 0.5f - window->Pos.y, 0.5f);
  ImGui::SetScrollFromPosX(window, item.x + item.w * 0.5f - window->Pos.x, 0.5f);
}

// Between frames, while an item clicked in the mirror scrolls into view: clicked once it is
// wholly visible; given up (nothing clicked) when it does not come into view.
void StepMirrorScroll(Page& page) {
  const ProbeItem* item =
      page.probe.MirrorItem(page.mirror_scroll_id, page.mirror_scroll_occurrence);
  --page.mirror_scroll_frames;
  if (!item) {
    page.mirror_scroll_frames = 0;
    return;
  }
  if (item->Visible()) {
    page.mirror_scroll_frames = 0;
    page.mirror_click_pos = ImVec2(item->x + item->w * 0.5f, item->y + item->h * 0.5f);
    page.mirror_click_step = 3;
    return;
  }
  ScrollIntoView(*item);
  if (page.mirror_scroll_frames > 0) RequestFrames(page, 2);
}

// Copy goes to the system clipboard only; what is pasted always comes from the browser's paste
// event (datahub_on_paste), the one source that sees other applications' text.
void SetClipboardText(void*, const char* text) {
  js_clipboard_write(text ? text : "");
}

const char* GetClipboardText(void*) {
  s_page->clipboard_read = std::move(s_page->clipboard);
  s_page->clipboard.clear();
  return s_page->clipboard_read.c_str();
}

}  // namespace
}  // namespace datahub::web

// [SECTION] Callbacks from JavaScript

using datahub::web::s_page;

extern "C" {

EMSCRIPTEN_KEEPALIVE void datahub_wake() {
  datahub::web::RequestFrames(*s_page, datahub::web::kFramesAfterEvent);
}

EMSCRIPTEN_KEEPALIVE void datahub_on_resize() {
  s_page->resize_pending = true;
  datahub_wake();
}

EMSCRIPTEN_KEEPALIVE void datahub_on_address_change() {
  s_page->app.OnAddressChanged();
  datahub_wake();
}

EMSCRIPTEN_KEEPALIVE void datahub_on_paste(char* text) {
  s_page->clipboard = datahub::web::TakeJsString(text);
  // The paste event may come after the frame that handled Ctrl+V's keydown (which then found
  // nothing to paste): press V once more for ImGui. Reading the clipboard consumes it, so the
  // text is pasted once either way.
  ImGuiIO& io = ImGui::GetIO();
  io.AddKeyEvent(ImGuiKey_V, false);
  io.AddKeyEvent(ImGuiKey_V, true);
  io.AddKeyEvent(ImGuiKey_V, false);
  datahub_wake();
}

// Whether a text field was drawn at (x, y), framebuffer pixels, in the last frame.
EMSCRIPTEN_KEEPALIVE int datahub_text_field_at(float x, float y) {
  return s_page->probe.TextFieldAt(x, y) ? 1 : 0;
}

// A right click on a text field at (x, y): a left click there for ImGui, so the field takes the
// focus (and the caret) as a browser's field does before its menu opens.
EMSCRIPTEN_KEEPALIVE void datahub_click_text_field(float x, float y) {
  ImGuiIO& io = ImGui::GetIO();
  io.AddMousePosEvent(x, y);
  io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
  io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
  datahub_wake();
}

// "Paste" from the browser's menu, or text that came without a key press (an IME, dictation: see
// assets/a11y_mirror.js): no key was pressed, so the text is typed into the field.
EMSCRIPTEN_KEEPALIVE void datahub_on_menu_paste(char* text) {
  std::string pasted = datahub::web::TakeJsString(text);
  ImGui::GetIO().AddInputCharactersUTF8(pasted.c_str());
  datahub_wake();
}

EMSCRIPTEN_KEEPALIVE void datahub_on_fetch_done(int id, int status, char* content_type, char* etag,
                                                char* body) {
  datahub::web::HttpResponse response;
  response.status = status;
  response.content_type = datahub::web::TakeJsString(content_type);
  response.etag = datahub::web::TakeJsString(etag);
  response.body = datahub::web::TakeJsString(body);
  s_page->platform.Complete(id, std::move(response));
  datahub_wake();
}

EMSCRIPTEN_KEEPALIVE void datahub_on_file_chosen(int id, char* name, double size, char* text) {
  datahub::web::ChosenFile file;
  file.name = datahub::web::TakeJsString(name);
  file.size = size;
  file.text = datahub::web::TakeJsString(text);
  s_page->platform.FileChosen(id, std::move(file));
  datahub_wake();
}

EMSCRIPTEN_KEEPALIVE void datahub_on_font(unsigned char* data, int size) {
  if (data && size > 0) s_page->font_file.assign(data, data + size);
  std::free(data);
  // Without the file, ImGui's built-in font keeps the page usable.
  s_page->font_ready = true;
  s_page->resize_pending = true;
  datahub_wake();
}

EMSCRIPTEN_KEEPALIVE const char* datahub_probe_items(float scale, float offset_x, float offset_y) {
  s_page->probe_json = s_page->probe.ItemsJson(scale, offset_x, offset_y);
  return s_page->probe_json.c_str();
}

// The mirror element of the `occurrence`-th item with ImGui id `id` was clicked (a screen
// reader's activation): click the item where it is drawn. An item scrolled out of sight is
// scrolled into view first (its centre would land on something else), then clicked. Returns
// whether the click was queued.
EMSCRIPTEN_KEEPALIVE int datahub_mirror_activate(unsigned id, int occurrence) {
  const datahub::web::ProbeItem* item = s_page->probe.MirrorItem(id, occurrence);
  if (!item) return 0;
  if (item->Visible()) {
    s_page->mirror_click_pos = ImVec2(item->x + item->w * 0.5f, item->y + item->h * 0.5f);
    s_page->mirror_click_step = 3;
  } else {
    constexpr int kScrollFrames = 10;
    s_page->mirror_scroll_id = id;
    s_page->mirror_scroll_occurrence = occurrence;
    s_page->mirror_scroll_frames = kScrollFrames;
    datahub::web::ScrollIntoView(*item);
  }
  datahub_wake();
  return 1;
}

EMSCRIPTEN_KEEPALIVE int datahub_probe_frames() {
  return s_page->probe.FramesDrawn();
}

EMSCRIPTEN_KEEPALIVE const char* datahub_probe_screen() {
  s_page->screen_name = s_page->app.ScreenName();
  return s_page->screen_name.c_str();
}

}  // extern "C"

// [SECTION] main

int main() {
  using namespace datahub::web;
  if (!glfwInit()) return 1;
  glfwWindowHint(GLFW_CLIENT_API, GLFW_OPENGL_ES_API);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
  GLFWwindow* window = glfwCreateWindow(1280, 720, "Data Hub", nullptr, nullptr);
  if (!window) return 1;
  glfwMakeContextCurrent(window);

  IMGUI_CHECKVERSION();
  ImGuiContext* context = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;               // nothing to restore: every screen lays itself out
  io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames while idle
  io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

  s_page = new Page();  // lives as long as the page
  s_page->window = window;
  s_page->probe.Attach(context);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 300 es");
  emscripten_set_wheel_callback(EMSCRIPTEN_EVENT_TARGET_DOCUMENT, nullptr, false, nullptr);
  emscripten_set_wheel_callback(kCanvas, nullptr, false, OnWheel);
  // After the backend init, which installs GLFW's (empty, on the web) clipboard functions.
  io.SetClipboardTextFn = SetClipboardText;
  io.GetClipboardTextFn = GetClipboardText;

  js_install_listeners();
  js_install_probe();
  s_page->app.Start();
  js_load_font();
  // main returns; the runtime stays alive (EXIT_RUNTIME=0) and events drive the frames.
  return 0;
}
