// The test probe of docs/UI.md: records every item Dear ImGui submits each frame, through ImGui's
// own test-engine hooks (IMGUI_ENABLE_TEST_ENGINE), so tests find widgets by label as a person
// would. It stays in the shipped build; when nobody asks for items it costs a vector of small
// records.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct ImGuiContext;
struct ImGuiWindow;

namespace datahub::web {

// What an item is to a screen reader (the hidden DOM mirror of docs/UI.md, assets/a11y_mirror.js).
// ImGui's item flags give the defaults (text field, checkbox, button); screens say the rest.
enum class ProbeRole : unsigned char {
  None,  // not mirrored: windows, decorations
  Text,
  Heading,
  Button,
  TextBox,
  CheckBox,
  Radio,
  Tab,
  Row,     // a list row that opens something
  Status,  // announced once when it appears (toasts, test results)
  Alert,   // announced at once, interrupting: refusals and errors
  MenuItem,
  ColumnHeader,  // a sortable column's header: says how the list is sorted
  // Containers (ProbeBeginGroup): the items drawn inside them are their children.
  Menu,
  RadioGroup,
  TabList,
  Dialog,         // a modal popup (found by the probe itself: every modal is one)
  ColumnHeaders,  // a table's header row
};

// How a list is sorted by a column (aria-sort).
enum class ProbeSort : signed char { None = 0, Ascending, Descending };

// A container of items for the mirror (a menu, a radio group, a dialog ...), by ImGui id.
struct ProbeGroup {
  unsigned id = 0;
  ProbeRole role = ProbeRole::None;
  std::string label;
  unsigned parent = 0;  // the group it sits in (a radio group in a dialog), 0 for none
};

// Something said to a screen reader without being a drawn item: a list's new count, why a
// submit was refused. `key` tells one announcement from the next with the same text.
struct ProbeAnnouncement {
  std::string key;
  std::string text;
  bool urgent = false;  // an alert, not a polite status
  int delay_ms = 0;     // said only once it stayed this long unchanged (typing settles)
};

// One item of a drawn frame. Coordinates are ImGui's (framebuffer pixels in the browser).
struct ProbeItem {
  std::string label;   // without any "##" suffix; empty for unlabelled items
  unsigned id = 0;     // ImGuiID
  std::string window;  // the window it was submitted in, without "##" suffix
  float x = 0, y = 0, w = 0, h = 0;
  // The visible part of the window (or table cell) it sits in: an item outside it is scrolled
  // away or hidden under something, and a person would scroll before clicking it.
  float clip_x = 0, clip_y = 0, clip_w = 0, clip_h = 0;
  unsigned window_id = 0;  // the ImGui window it is drawn in (scrolled to bring it into view)
  // Scrolled out of its window: ImGui skips the widget, which then says nothing of what it is
  // (its role, whether checked); the probe keeps what it said when last drawn.
  bool skipped = false;
  bool focused = false;  // has keyboard focus: typed keys and Enter go to it (ImGui's nav id)
  // For the screen-reader mirror. `value` is what a field shows (never a secret's text);
  // `describes` is the id of the field this item (its error message) sits under.
  ProbeRole role = ProbeRole::None;
  int level = 0;                     // headings: 1 for the screen's title, 2 for sections
  signed char checked = -1;          // checkboxes, radios and tabs: 0 or 1; -1 when it has none
  signed char expanded = -1;         // collapsing headers: 0 or 1; -1 when it has none
  bool disabled = false;             // drawn inside BeginDisabled
  bool invalid = false;              // a field with an error under it
  bool required = false;             // a field marked "required"
  ProbeSort sort = ProbeSort::None;  // column headers
  unsigned group = 0;                // the ProbeGroup it belongs to, 0 for none
  // Status and alert items: a new serial is a new announcement, even with the same text.
  unsigned serial = 0;
  std::string value;
  unsigned describes = 0;
  bool error = false;    // an error message (ProbeSetErrorFor)
  bool Visible() const;  // the whole rectangle is inside the clip rectangle
};

class UiProbe {
 public:
  // Hooks into `ctx` (which must outlive neither the probe nor be shared with another probe).
  void Attach(ImGuiContext* ctx);
  void Detach();

  // Items of the last frame that was rendered, and how many frames were rendered.
  const std::vector<ProbeItem>& LastFrameItems() const { return m_last; }
  int FramesDrawn() const { return m_frames; }
  // The first labelled item of the last frame with this label, or nullptr.
  const ProbeItem* Find(std::string_view label) const;
  // The last frame's items as a JSON array, coordinates multiplied by `scale` then offset.
  std::string ItemsJson(float scale, float offset_x, float offset_y) const;
  // What the screen-reader mirror shows of the last frame (roles, names, values, focus; no
  // rectangles), as a JSON array; empty when it is the same as at the last call, so an
  // unchanged screen costs the page no DOM work.
  std::string MirrorJsonIfChanged();
  // The `occurrence`-th (from 0) item of the mirror with this ImGui id, counted as the mirror's
  // elements are (status items apart), or nullptr.
  const ProbeItem* MirrorItem(unsigned id, int occurrence) const;

  // The item of the last frame that is being drawn; ProbeSet* change it (see below).
  ProbeItem* CurrentItem(unsigned id);
  ProbeItem* LastRecorded() { return m_current.empty() ? nullptr : &m_current.back(); }
  const std::vector<ProbeItem>& CurrentItems() const { return m_current; }

  // Called by the ImGui hooks (ui_probe.cpp); not for screens.
  void OnItemAdd(unsigned id, float x0, float y0, float x1, float y1, bool is_window,
                 bool disabled);
  void OnItemInfo(unsigned id, const char* label, int status_flags);
  const char* DebugLabel(unsigned id) const;
  // Called by ProbeBeginGroup/ProbeEndGroup/ProbeAnnounce.
  void BeginGroup(unsigned id, ProbeRole role, std::string label);
  void EndGroup();
  void Announce(ProbeAnnouncement announcement) { m_announce.push_back(std::move(announcement)); }
  // Whether a text field of the last frame lies under this point (framebuffer pixels): the
  // browser's own menu there is a text field's (Paste), even before a frame saw the pointer.
  bool TextFieldAt(float x, float y) const;

 private:
  void OnNewFrame();
  void OnRendered();
  unsigned GroupOf(ImGuiWindow* window);
  void AppendMirrorKey(std::string& key) const;

  ImGuiContext* m_ctx = nullptr;
  unsigned m_hook_new_frame = 0;
  unsigned m_hook_render = 0;
  std::vector<ProbeItem> m_current;
  std::vector<ProbeItem> m_last;
  std::vector<ProbeGroup> m_groups;  // this frame's, then the last frame's
  std::vector<ProbeGroup> m_last_groups;
  std::vector<unsigned> m_group_stack;  // the groups open while items are drawn
  std::vector<ProbeAnnouncement> m_announce;
  std::vector<ProbeAnnouncement> m_last_announce;
  // Labels seen before, by id: ImGui names a widget only while it is visible, and a test must
  // still find a button that was scrolled away in order to scroll back to it.
  std::unordered_map<unsigned, std::string> m_known_labels;
  // What widgets said they were (role, checked, expanded) when last drawn, by id: a field
  // scrolled away stays a field for a screen reader.
  struct KnownKind {
    ProbeRole role = ProbeRole::None;
    signed char checked = -1;
    signed char expanded = -1;
  };
  std::unordered_map<unsigned, KnownKind> m_known_kinds;
  int m_frames = 0;
  std::string m_mirror_key;  // what the mirror last showed, compared each frame
  std::string m_scratch;
};

// Gives the last submitted item a label for the probe. ImGui reports labels of interactive
// widgets only; screens call this after text that tests (and people) read: headings, column
// headers, messages. Costs nothing when no probe is attached.
void ProbeLabelLastItem(const char* label);

// Accessibility facts about the last submitted item (after ProbeLabelLastItem when both are
// called), for the screen-reader mirror. Cost nothing when no probe is attached.
void ProbeSetRole(ProbeRole role, int level = 0);
void ProbeSetChecked(bool checked);
void ProbeSetExpanded(bool expanded);
void ProbeSetSort(ProbeSort sort);
// A new `serial` makes a status or alert item a new announcement (a toast with the same text
// as the one before it, a second refusal).
void ProbeSetSerial(unsigned serial);
// What a text field holds. Never a secret's text: SecretValueText says what to show instead.
void ProbeSetValue(std::string_view value);
void ProbeSetRequired();
// The last item is an error message, under `field` (an ImGui id; 0 for a section's message): the
// field is invalid and described by it.
void ProbeSetErrorFor(unsigned field);
// Items drawn between these two calls are the children of a container named `label` (a menu,
// a radio group, a tab list, a table's header row). Modal dialogs need no call.
void ProbeBeginGroup(ProbeRole role, const char* label);
void ProbeEndGroup();
// Says `text` through the mirror's live region, once per `key`, while it is called each frame.
void ProbeAnnounce(std::string key, std::string text, bool urgent = false, int delay_ms = 0);
// The error messages under fields drawn so far this frame (ProbeSetErrorFor), in screen order:
// what a refusal tells a screen reader to fix. Empty without a probe.
std::vector<std::string> ProbeFieldErrors();
// What a write-only field shows a screen reader: whether it has a value, never the value.
const char* SecretValueText(bool stored, bool typed);

}  // namespace datahub::web
