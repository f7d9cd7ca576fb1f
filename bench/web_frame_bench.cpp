// Not a test: the CPU time of one Data Hub frame with 100,000 connectors loaded, in the native
// headless build (NewFrame .. Render, no renderer). Prints the median and the 99th percentile
// per frame, thread CPU time and wall time, for two cases: redrawing a still list (hover moving)
// and scrolling through it with the mouse wheel. tests/perf/web_metrics.sh runs it.
// It draws with the UI font (Inter, as the page does) at the given devicePixelRatio when the
// font file is there, else with ImGui's built-in font.
//   web_frame_bench [--rows N] [--frames N] [--scale DPR] [--font FILE]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <functional>
#include <string>
#include <vector>

#include "data_hub_state.h"
#include "headless_ui.h"
#include "imgui.h"
#include "screen_data_hub.h"
#include "ui_fonts.h"
#include "ui_probe.h"
#include "ui_style.h"

namespace datahub::web {
namespace {

// Answers list pages at once from rows made up in memory; the bench needs nothing else.
class RowsApi : public ApiClient {
 public:
  explicit RowsApi(int rows) : m_rows(rows) {}

  void ListConnectors(const ListQuery& query, ApiCallback<ConnectorPage> done) override {
    const int first = query.cursor.empty() ? 0 : std::atoi(query.cursor.c_str());
    const int end = std::min(m_rows, first + query.limit);
    ConnectorPage page;
    page.total = m_rows;
    for (int i = first; i < end; ++i) page.items.push_back(Row(i));
    if (end < m_rows) page.next_cursor = std::to_string(end);
    done(std::move(page));
  }
  void GetConnector(const std::string&, ApiCallback<ConnectorDoc> done) override { Refuse(done); }
  void CreateConnector(const Connector&, ApiCallback<ConnectorDoc> done) override { Refuse(done); }
  void UpdateConnector(const std::string&, const std::string&, const Connector&,
                       ApiCallback<ConnectorDoc> done) override {
    Refuse(done);
  }
  void DeleteConnector(const std::string&, ApiCallback<Done> done) override { Refuse(done); }
  void SetConnectorStatus(const std::string&, ConnectorStatus,
                          ApiCallback<ConnectorDoc> done) override {
    Refuse(done);
  }
  void TestConnector(const std::string&, ApiCallback<TestResult> done) override { Refuse(done); }
  void TestUnsavedConnector(const Connector&, ApiCallback<TestResult> done) override {
    Refuse(done);
  }
  void ConnectorHistory(const std::string&, ApiCallback<std::vector<HistoryEntry>> done) override {
    Refuse(done);
  }
  void ExportConnectors(const ExportRequest&, ApiCallback<ExportedDocument> done) override {
    Refuse(done);
  }
  void ImportConnectors(const ImportRequest&, ApiCallback<ImportReport> done) override {
    Refuse(done);
  }

 private:
  static ConnectorRow Row(int i) {
    char name[48];
    std::snprintf(name, sizeof name, "Connector %06d", i);
    return {"c_" + std::to_string(i),
            name,
            "api",
            "https://erp" + std::to_string(i % 97) + ".example.com/api/v2",
            i % 3 ? "active" : "disabled",
            "2026-11-29T21:10:15Z",
            {}};
  }
  template <class T>
  static void Refuse(ApiCallback<T>& done) {
    Problem p;
    p.status = 501;
    p.title = "Not in the bench";
    done(std::move(p));
  }
  int m_rows;
};

struct Stats {
  double median_ms = 0, p99_ms = 0, max_ms = 0;
};

// CPU time of this thread: on a shared machine, wall time also counts the moments the scheduler
// gave the core to someone else, which says nothing about the frame's own cost.
double ThreadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Timings {
  Stats cpu, wall;
};

Stats Summarize(std::vector<double> ms) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[static_cast<std::size_t>(q * (ms.size() - 1))]; };
  return {at(0.5), at(0.99), ms.back()};
}

// Times `frames` frames; `input` feeds the frame's events first (outside the timing, as the
// browser queues them between frames).
template <class Input>
Timings TimeFrames(testing::HeadlessUi& ui, int frames, const std::function<void()>& draw,
                   Input input) {
  std::vector<double> cpu, wall;
  for (int i = 0; i < frames; ++i) {
    input(i);
    const double cpu_start = ThreadCpuMs();
    const auto wall_start = std::chrono::steady_clock::now();
    ui.Frame(draw);
    std::chrono::duration<double, std::milli> took = std::chrono::steady_clock::now() - wall_start;
    cpu.push_back(ThreadCpuMs() - cpu_start);
    wall.push_back(took.count());
  }
  return {Summarize(std::move(cpu)), Summarize(std::move(wall))};
}

void Print(const char* name, const Timings& t) {
  std::printf("%s cpu:  median %.3f ms  p99 %.3f ms  max %.3f ms\n", name, t.cpu.median_ms,
              t.cpu.p99_ms, t.cpu.max_ms);
  std::printf("%s wall: median %.3f ms  p99 %.3f ms  max %.3f ms\n", name, t.wall.median_ms,
              t.wall.p99_ms, t.wall.max_ms);
}

struct Options {
  int rows = 100000;
  int frames = 1000;
  float scale = 1;  // devicePixelRatio: window and fonts in framebuffer pixels
  std::string font = "/usr/share/fonts/opentype/inter/Inter-Regular.otf";
};

// The page's fonts and style at `scale`; ImGui's own font when the file cannot be read.
UiFonts PageFonts(const Options& options) {
  std::vector<unsigned char> bytes;
  if (std::FILE* f = std::fopen(options.font.c_str(), "rb")) {
    unsigned char buffer[65536];
    for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, f)) > 0;)
      bytes.insert(bytes.end(), buffer, buffer + n);
    std::fclose(f);
  }
  UiFonts fonts = BuildFonts(bytes, options.scale);
  ApplyStyle(options.scale);
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  ImGui::GetIO().Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
  std::printf("font=%s scale=%.1f\n", bytes.empty() ? "imgui-default" : options.font.c_str(),
              options.scale);
  return fonts;
}

int Run(const Options& options) {
  const int rows = options.rows;
  const int frames = options.frames;
  testing::HeadlessUi ui(1280 * options.scale, 800 * options.scale);
  const UiFonts fonts = PageFonts(options);
  RowsApi api(rows);
  DataHubState state(api);
  state.Refresh();
  while (!state.AllLoaded()) state.NeedRow(rows);  // every row in memory, as after scrolling
  // The page also compares the last frame's screen-reader mirror after each frame (and hands it
  // on when it changed): timed here at the start of the next one.
  std::size_t mirror_updates = 0;
  std::function<void()> draw = [&] {
    if (!ui.Probe().MirrorJsonIfChanged().empty()) ++mirror_updates;
    DrawDataHub(state, fonts);
  };
  ui.Frames(10, draw);

  ImGuiIO& io = ImGui::GetIO();
  Timings still = TimeFrames(ui, frames, draw, [&](int i) {
    // Hovering the rows.
    io.AddMousePosEvent((400.0f + static_cast<float>(i % 200)) * options.scale,
                        400 * options.scale);
  });
  Timings scrolling = TimeFrames(ui, frames, draw, [&](int i) {
    io.AddMousePosEvent(640 * options.scale, 500 * options.scale);
    io.AddMouseWheelEvent(0, i % 400 < 200 ? -3.0f : 3.0f);  // down, then back up
  });
  // Proof that the table was drawn and scrolled: the items of the last frame and its last row
  // (the clipper also submits row 0 on every frame, to measure it).
  const ProbeItem* last_row = nullptr;
  for (const ProbeItem& item : ui.Probe().LastFrameItems())
    if (item.label.rfind("Connector ", 0) == 0) last_row = &item;
  std::printf(
      "rows=%d frames=%d loaded=%zu items_in_last_frame=%zu last_row_shown=%s "
      "mirror_updates=%zu\n",
      rows, frames, state.Rows().size(), ui.Probe().LastFrameItems().size(),
      last_row ? last_row->label.c_str() : "none", mirror_updates);
  Print("still", still);
  Print("scrolling", scrolling);
  return 0;
}

}  // namespace
}  // namespace datahub::web

int main(int argc, char** argv) {
  datahub::web::Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (std::strcmp(argv[i], "--rows") == 0) options.rows = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--frames") == 0) options.frames = std::atoi(argv[i + 1]);
    if (std::strcmp(argv[i], "--scale") == 0) options.scale = std::strtof(argv[i + 1], nullptr);
    if (std::strcmp(argv[i], "--font") == 0) options.font = argv[i + 1];
  }
  if (options.rows < 1 || options.frames < 1 || options.scale <= 0) {
    std::fprintf(stderr,
                 "usage: web_frame_bench [--rows N] [--frames N] [--scale DPR] [--font FILE]\n");
    return 2;
  }
  return datahub::web::Run(options);
}
