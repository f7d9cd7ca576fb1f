// The ImGui test-engine hooks and the per-frame item record behind UiProbe.
#include "ui_probe.h"

#include <algorithm>
#include <cstdarg>

#include <nlohmann/json.hpp>

#include "imgui.h"
#include "imgui_internal.h"

namespace datahub::web {
namespace {

std::string StripIdSuffix(const char* label) {
  std::string_view s = label ? label : "";
  // "Save##form" and "Save###form" are both shown as "Save".
  return std::string(s.substr(0, s.find("##")));
}

UiProbe* ProbeOf(ImGuiContext* ctx) {
  return ctx ? static_cast<UiProbe*>(ctx->TestEngine) : nullptr;
}

// ARIA's names for the roles (the mirror uses them as they are).
const char* RoleName(ProbeRole role) {
  switch (role) {
    case ProbeRole::None:
      return "";
    case ProbeRole::Text:
      return "text";
    case ProbeRole::Heading:
      return "heading";
    case ProbeRole::Button:
      return "button";
    case ProbeRole::TextBox:
      return "textbox";
    case ProbeRole::CheckBox:
      return "checkbox";
    case ProbeRole::Radio:
      return "radio";
    case ProbeRole::Tab:
      return "tab";
    case ProbeRole::Row:
      return "row";
    case ProbeRole::Status:
      return "status";
    case ProbeRole::Alert:
      return "alert";
    case ProbeRole::MenuItem:
      return "menuitem";
    case ProbeRole::ColumnHeader:
      return "columnheader";
    case ProbeRole::Menu:
      return "menu";
    case ProbeRole::RadioGroup:
      return "radiogroup";
    case ProbeRole::TabList:
      return "tablist";
    case ProbeRole::Dialog:
      return "dialog";
    case ProbeRole::ColumnHeaders:
      return "columnheaders";
  }
  return "";
}

bool Mirrored(const ProbeItem& item) {
  return item.role != ProbeRole::None && (!item.label.empty() || !item.value.empty());
}

// Announced through the live region rather than shown as an element of the mirror.
bool Announced(const ProbeItem& item) {
  return item.role == ProbeRole::Status || item.role == ProbeRole::Alert;
}

const char* SortName(ProbeSort sort) {
  switch (sort) {
    case ProbeSort::Ascending:
      return "ascending";
    case ProbeSort::Descending:
      return "descending";
    case ProbeSort::None:
      break;
  }
  return "none";
}

const ProbeGroup* FindGroup(const std::vector<ProbeGroup>& groups, unsigned id) {
  for (const ProbeGroup& group : groups)
    if (group.id == id) return &group;
  return nullptr;
}

// A group's entry, then its members' (after its parent's, when the parent is not out yet).
void EmitGroup(const std::vector<ProbeGroup>& groups, unsigned id, std::vector<unsigned>& emitted,
               nlohmann::json& out) {
  if (id == 0 || std::find(emitted.begin(), emitted.end(), id) != emitted.end()) return;
  const ProbeGroup* group = FindGroup(groups, id);
  if (!group) return;
  EmitGroup(groups, group->parent, emitted, out);
  emitted.push_back(id);
  nlohmann::json j = {{"id", group->id},
                      {"role", RoleName(group->role)},
                      {"label", group->label},
                      {"container", true}};
  if (group->parent != 0) j["group"] = group->parent;
  out.push_back(std::move(j));
}

}  // namespace

void UiProbe::Attach(ImGuiContext* ctx) {
  IM_ASSERT(ctx != nullptr && m_ctx == nullptr && "Attach once, to a live context");
  m_ctx = ctx;
  ctx->TestEngine = this;
  ctx->TestEngineHookItems = true;
  ImGuiContextHook hook;
  hook.Type = ImGuiContextHookType_NewFramePre;
  hook.UserData = this;
  hook.Callback = [](ImGuiContext*, ImGuiContextHook* h) {
    static_cast<UiProbe*>(h->UserData)->OnNewFrame();
  };
  m_hook_new_frame = ImGui::AddContextHook(ctx, &hook);
  hook.Type = ImGuiContextHookType_RenderPost;
  hook.Callback = [](ImGuiContext*, ImGuiContextHook* h) {
    static_cast<UiProbe*>(h->UserData)->OnRendered();
  };
  m_hook_render = ImGui::AddContextHook(ctx, &hook);
}

void UiProbe::Detach() {
  if (!m_ctx) return;
  ImGui::RemoveContextHook(m_ctx, m_hook_new_frame);
  ImGui::RemoveContextHook(m_ctx, m_hook_render);
  m_ctx->TestEngine = nullptr;
  m_ctx->TestEngineHookItems = false;
  m_ctx = nullptr;
}

void UiProbe::OnRendered() {
  constexpr std::size_t kMaxKnownLabels = 4096;  // a long-lived page sees many rows come and go
  if (m_known_labels.size() > kMaxKnownLabels) m_known_labels.clear();
  if (m_known_kinds.size() > kMaxKnownLabels) m_known_kinds.clear();
  const ImGuiContext& g = *m_ctx;
  const unsigned focused = g.NavWindow ? g.NavId : 0;
  for (ProbeItem& item : m_current) {
    item.focused = focused != 0 && item.id == focused;
    if (!item.label.empty()) {
      auto [it, added] = m_known_labels.try_emplace(item.id, item.label);
      if (!added && it->second != item.label) it->second = item.label;
    } else if (auto it = m_known_labels.find(item.id); it != m_known_labels.end()) {
      item.label = it->second;
    }
    if (item.id == 0 || item.role == ProbeRole::Text || item.role == ProbeRole::Heading ||
        item.role == ProbeRole::Status)
      continue;
    if (!item.skipped) {
      m_known_kinds[item.id] = {item.role, item.checked, item.expanded};
    } else if (auto it = m_known_kinds.find(item.id); it != m_known_kinds.end()) {
      // Screens' own roles (tab, radio, row) were set this frame; ImGui's were not.
      if (item.role == ProbeRole::None || item.role == ProbeRole::Button)
        item.role = it->second.role;
      if (item.checked < 0) item.checked = it->second.checked;
      if (item.expanded < 0) item.expanded = it->second.expanded;
    } else if (item.role == ProbeRole::Button) {
      item.role = ProbeRole::None;  // never seen drawn: what it is is unknown, so not mirrored
    }
  }
  m_last.swap(m_current);
  m_current.clear();
  m_last_groups.swap(m_groups);
  m_last_announce.swap(m_announce);
  ++m_frames;
}

void UiProbe::OnNewFrame() {
  m_current.clear();
  m_groups.clear();
  m_group_stack.clear();
  m_announce.clear();
}

unsigned UiProbe::GroupOf(ImGuiWindow* window) {
  if (!m_group_stack.empty()) return m_group_stack.back();
  ImGuiWindow* root = window ? window->RootWindow : nullptr;
  if (!root || !(root->Flags & ImGuiWindowFlags_Modal)) return 0;
  // Every modal popup is a dialog, named by its title: no screen has to say so.
  if (!FindGroup(m_groups, root->ID))
    m_groups.push_back({root->ID, ProbeRole::Dialog, StripIdSuffix(root->Name), 0});
  return root->ID;
}

void UiProbe::BeginGroup(unsigned id, ProbeRole role, std::string label) {
  const unsigned parent = GroupOf(m_ctx->CurrentWindow);
  m_groups.push_back({id, role, std::move(label), parent});
  m_group_stack.push_back(id);
}

void UiProbe::EndGroup() {
  if (!m_group_stack.empty()) m_group_stack.pop_back();
}

bool UiProbe::TextFieldAt(float x, float y) const {
  for (const ProbeItem& item : m_last) {
    if (item.role != ProbeRole::TextBox || item.skipped) continue;
    const ImRect rect = ImRect(item.x, item.y, item.x + item.w, item.y + item.h);
    ImRect shown = rect;
    shown.ClipWith(
        ImRect(item.clip_x, item.clip_y, item.clip_x + item.clip_w, item.clip_y + item.clip_h));
    if (shown.Contains(ImVec2(x, y))) return true;
  }
  return false;
}

void UiProbe::OnItemAdd(unsigned id, float x0, float y0, float x1, float y1, bool is_window,
                        bool disabled) {
  ImGuiContext& g = *m_ctx;
  // A multi-line text field adds its id twice: the field, then the child window it scrolls in
  // (EndChild). One field is one item: the first stays, and ItemInfo (which looks from the end)
  // finds it. The child window's own items lie between, a few at most. Text is not such a
  // field: its id comes from its words, and the same words in the next table row ("API
  // Connector", "Active") are an item of their own (merged, they left that row's cells out of
  // the mirror and gave its row role to the last one).
  if (!is_window && id != 0) {
    const std::size_t n = m_current.size();
    for (std::size_t back = 1; back <= std::min<std::size_t>(n, 6); ++back) {
      const ProbeItem& earlier = m_current[n - back];
      if (earlier.id == id && earlier.role != ProbeRole::Text) return;
    }
  }
  ProbeItem item;
  item.id = id;
  item.disabled = disabled;
  item.x = x0;
  item.y = y0;
  item.w = x1 - x0;
  item.h = y1 - y0;
  ImGuiWindow* window = is_window ? ImGui::FindWindowByID(id) : g.CurrentWindow;
  // ImGui's implicit "Debug" window exists every frame but is never drawn.
  if (window && window->IsFallbackWindow) return;
  if (!is_window && window) {
    item.window_id = window->ID;
    // ImGui's own test (ItemAdd): outside the window's clip rectangle, the widget is skipped.
    const bool outside = !ImRect(x0, y0, x1, y1).Overlaps(window->ClipRect);
    item.skipped =
        outside && id != 0 && id != g.ActiveId && id != g.ActiveIdPreviousFrame && id != g.NavId;
    item.group = GroupOf(window);
  }
  // A window is clipped by its parent; an item by the window (or table cell) it is drawn in.
  ImRect clip(ImVec2(0, 0), g.IO.DisplaySize);
  ImGuiWindow* container = is_window ? (window ? window->ParentWindow : nullptr) : window;
  if (container) clip = container->ClipRect;
  item.clip_x = clip.Min.x;
  item.clip_y = clip.Min.y;
  item.clip_w = clip.GetWidth();
  item.clip_h = clip.GetHeight();
  if (window) {
    // Items report the top-level window they belong to (a child's name is "Parent/child_ID").
    item.window = StripIdSuffix(window->RootWindow->Name);
    // Windows register themselves without a label: a top-level window's name is its label.
    if (is_window && window->RootWindow == window) item.label = item.window;
  }
  m_current.push_back(std::move(item));
}

void UiProbe::OnItemInfo(unsigned id, const char* label, int status_flags) {
  // ItemInfo follows the ItemAdd of the same id within the same widget call.
  for (auto it = m_current.rbegin(); it != m_current.rend(); ++it) {
    if (it->id == id) {
      std::string_view text = label ? label : "";
      // A child window's name is "Parent/child_ID": its own part is the label.
      ImGuiWindow* window = ImGui::FindWindowByID(id);
      if (window && (window->Flags & ImGuiWindowFlags_ChildWindow))
        text = text.substr(text.rfind('/') + 1);
      it->label = StripIdSuffix(std::string(text).c_str());
      if (window) return;  // windows are not mirrored
      // ImGui says what a widget is only in its own ItemInfo call; a relabel
      // (ProbeLabelLastItem) comes without those flags and keeps what was said.
      if (status_flags & ImGuiItemStatusFlags_Inputable) {
        it->role = ProbeRole::TextBox;
      } else if (status_flags & ImGuiItemStatusFlags_Checkable) {
        it->role = ProbeRole::CheckBox;
        it->checked = (status_flags & ImGuiItemStatusFlags_Checked) ? 1 : 0;
      } else if (it->role == ProbeRole::None) {
        it->role = ProbeRole::Button;
      }
      if (status_flags & ImGuiItemStatusFlags_Openable)
        it->expanded = (status_flags & ImGuiItemStatusFlags_Opened) ? 1 : 0;
      return;
    }
  }
}

ProbeItem* UiProbe::CurrentItem(unsigned id) {
  for (auto it = m_current.rbegin(); it != m_current.rend(); ++it)
    if (it->id == id) return &*it;
  return nullptr;
}

const ProbeItem* UiProbe::MirrorItem(unsigned id, int occurrence) const {
  for (const ProbeItem& item : m_last) {
    if (item.id != id || !Mirrored(item) || Announced(item)) continue;
    if (occurrence-- == 0) return &item;
  }
  return nullptr;
}

void UiProbe::AppendMirrorKey(std::string& key) const {
  for (const ProbeItem& item : m_last) {
    if (!Mirrored(item)) continue;
    key += std::to_string(item.id);
    key += static_cast<char>('a' + static_cast<int>(item.role));
    key += static_cast<char>('0' + item.level);
    key += static_cast<char>('1' + item.checked);
    key += static_cast<char>('1' + item.expanded);
    key += static_cast<char>('0' + static_cast<int>(item.sort));
    key += item.disabled ? 'd' : '-';
    key += item.invalid ? 'i' : '-';
    key += item.required ? 'r' : '-';
    key += item.focused ? 'f' : '-';
    key += std::to_string(item.describes);
    key += '/';
    key += std::to_string(item.group);
    key += '/';
    key += std::to_string(item.serial);
    key += '\x1f';
    key += item.label;
    key += '\x1f';
    key += item.value;
    key += '\x1e';
  }
  for (const ProbeGroup& group : m_last_groups) {
    key += std::to_string(group.id) + static_cast<char>('a' + static_cast<int>(group.role)) +
           std::to_string(group.parent) + '\x1f' + group.label + '\x1e';
  }
  for (const ProbeAnnouncement& a : m_last_announce) {
    key += a.key + '\x1f' + a.text + (a.urgent ? "!" : ".") + std::to_string(a.delay_ms) + '\x1e';
  }
}

std::string UiProbe::MirrorJsonIfChanged() {
  // The key holds everything the mirror shows; building it reuses one buffer, frame after frame.
  std::string& key = m_scratch;
  key.clear();
  AppendMirrorKey(key);
  if (key == m_mirror_key) return {};
  m_mirror_key = key;
  nlohmann::json items = nlohmann::json::array();
  std::vector<unsigned> emitted_groups;
  for (const ProbeItem& item : m_last) {
    if (!Mirrored(item)) continue;
    if (!Announced(item)) EmitGroup(m_last_groups, item.group, emitted_groups, items);
    nlohmann::json j = {{"id", item.id}, {"role", RoleName(item.role)}, {"label", item.label}};
    if (!item.value.empty()) j["value"] = item.value;
    if (item.level > 0) j["level"] = item.level;
    if (item.checked >= 0) j["checked"] = item.checked == 1;
    if (item.expanded >= 0) j["expanded"] = item.expanded == 1;
    if (item.role == ProbeRole::ColumnHeader) j["sort"] = SortName(item.sort);
    if (item.disabled) j["disabled"] = true;
    if (item.invalid) j["invalid"] = true;
    if (item.required) j["required"] = true;
    if (item.focused) j["focused"] = true;
    if (item.describes != 0) j["describes"] = item.describes;
    if (item.group != 0 && !Announced(item)) j["group"] = item.group;
    if (Announced(item)) j["key"] = std::to_string(item.id) + "." + std::to_string(item.serial);
    items.push_back(std::move(j));
  }
  for (const ProbeAnnouncement& a : m_last_announce) {
    nlohmann::json j = {
        {"role", a.urgent ? "alert" : "status"}, {"label", a.text}, {"key", "say." + a.key}};
    if (a.delay_ms > 0) j["delay"] = a.delay_ms;
    items.push_back(std::move(j));
  }
  return items.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

const char* UiProbe::DebugLabel(unsigned id) const {
  for (const ProbeItem& item : m_last)
    if (item.id == id && !item.label.empty()) return item.label.c_str();
  return nullptr;
}

bool ProbeItem::Visible() const {
  constexpr float kSlack = 1.0f;  // borders drawn half a pixel outside
  return x >= clip_x - kSlack && y >= clip_y - kSlack && x + w <= clip_x + clip_w + kSlack &&
         y + h <= clip_y + clip_h + kSlack;
}

const ProbeItem* UiProbe::Find(std::string_view label) const {
  for (const ProbeItem& item : m_last)
    if (item.label == label) return &item;
  return nullptr;
}

std::string UiProbe::ItemsJson(float scale, float offset_x, float offset_y) const {
  nlohmann::json items = nlohmann::json::array();
  for (const ProbeItem& item : m_last) {
    items.push_back({{"label", item.label},
                     {"id", item.id},
                     {"window", item.window},
                     {"x", item.x * scale + offset_x},
                     {"y", item.y * scale + offset_y},
                     {"w", item.w * scale},
                     {"h", item.h * scale},
                     {"visible", item.Visible()},
                     {"focused", item.focused},
                     {"role", RoleName(item.role)},
                     {"clip",
                      {{"x", item.clip_x * scale + offset_x},
                       {"y", item.clip_y * scale + offset_y},
                       {"w", item.clip_w * scale},
                       {"h", item.clip_h * scale}}}});
  }
  // Labels come from our own code, but a user-typed name may be invalid UTF-8: replace, not throw.
  return items.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void ProbeLabelLastItem(const char* label) {
  ImGuiContext& g = *GImGui;
  if (!g.TestEngineHookItems) return;
  const ImGuiLastItemData& last = g.LastItemData;
  // Text has no id: give it one from its label so each labelled text is its own item.
  ImGuiID id = last.ID;
  if (id == 0) {
    id = ImGui::GetID(label);
    ImGuiTestEngineHook_ItemAdd(&g, id, last.Rect, &last);
  }
  ImGuiTestEngineHook_ItemInfo(&g, id, label, last.StatusFlags);
  if (last.ID == 0) ProbeSetRole(ProbeRole::Text);
}

namespace {

// The probe item ImGui's last item is, or nullptr without a probe. Text has no ImGui id: its
// probe item (ProbeLabelLastItem) is the last one recorded.
ProbeItem* LastProbeItem() {
  ImGuiContext& g = *GImGui;
  UiProbe* probe = ProbeOf(&g);
  if (!probe || !g.TestEngineHookItems) return nullptr;
  if (g.LastItemData.ID != 0) return probe->CurrentItem(g.LastItemData.ID);
  return probe->LastRecorded();
}

}  // namespace

void ProbeSetRole(ProbeRole role, int level) {
  if (ProbeItem* item = LastProbeItem()) {
    item->role = role;
    item->level = level;
    // ImGui reports a menu item as checkable (it can show a tick); these show none.
    if (role == ProbeRole::MenuItem) item->checked = -1;
  }
}

void ProbeSetChecked(bool checked) {
  if (ProbeItem* item = LastProbeItem()) item->checked = checked ? 1 : 0;
}

void ProbeSetExpanded(bool expanded) {
  if (ProbeItem* item = LastProbeItem()) item->expanded = expanded ? 1 : 0;
}

void ProbeSetSort(ProbeSort sort) {
  if (ProbeItem* item = LastProbeItem()) item->sort = sort;
}

void ProbeSetSerial(unsigned serial) {
  if (ProbeItem* item = LastProbeItem()) item->serial = serial;
}

void ProbeBeginGroup(ProbeRole role, const char* label) {
  ImGuiContext& g = *GImGui;
  UiProbe* probe = ProbeOf(&g);
  if (!probe || !g.TestEngineHookItems) return;
  // Named apart from the items: "Authentication" is also the section's heading.
  const ImGuiID id =
      ImGui::GetID(label) ^ static_cast<ImGuiID>(0x9e3779b9u + static_cast<int>(role));
  probe->BeginGroup(id, role, label);
}

void ProbeEndGroup() {
  ImGuiContext& g = *GImGui;
  if (UiProbe* probe = ProbeOf(&g); probe && g.TestEngineHookItems) probe->EndGroup();
}

void ProbeAnnounce(std::string key, std::string text, bool urgent, int delay_ms) {
  ImGuiContext& g = *GImGui;
  UiProbe* probe = ProbeOf(&g);
  if (!probe || !g.TestEngineHookItems || text.empty()) return;
  probe->Announce({std::move(key), std::move(text), urgent, delay_ms});
}

void ProbeSetValue(std::string_view value) {
  if (ProbeItem* item = LastProbeItem()) item->value = value;
}

void ProbeSetRequired() {
  if (ProbeItem* item = LastProbeItem()) item->required = true;
}

void ProbeSetErrorFor(unsigned field) {
  ImGuiContext& g = *GImGui;
  UiProbe* probe = ProbeOf(&g);
  ProbeItem* message = LastProbeItem();
  if (!probe || !message) return;
  message->error = true;
  if (field == 0) return;  // a message for a section, under no one field
  message->describes = field;
  if (ProbeItem* target = probe->CurrentItem(field)) target->invalid = true;
}

std::vector<std::string> ProbeFieldErrors() {
  std::vector<std::string> messages;
  const UiProbe* probe = ProbeOf(GImGui);
  if (!probe) return messages;
  for (const ProbeItem& item : probe->CurrentItems())
    if (item.error && !item.label.empty()) messages.push_back(item.label);
  return messages;
}

const char* SecretValueText(bool stored, bool typed) {
  if (typed) return "entered, hidden";
  return stored ? "stored" : "not set";
}

}  // namespace datahub::web

// [SECTION] The hooks Dear ImGui calls when compiled with IMGUI_ENABLE_TEST_ENGINE.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb,
                                 const ImGuiLastItemData* item_data) {
  if (datahub::web::UiProbe* probe = datahub::web::ProbeOf(ctx))
    probe->OnItemAdd(id, bb.Min.x, bb.Min.y, bb.Max.x, bb.Max.y, item_data == nullptr,
                     item_data && (item_data->InFlags & ImGuiItemFlags_Disabled));
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags flags) {
  if (datahub::web::UiProbe* probe = datahub::web::ProbeOf(ctx))
    probe->OnItemInfo(id, label, flags);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext* ctx, ImGuiID id) {
  const datahub::web::UiProbe* probe = datahub::web::ProbeOf(ctx);
  return probe ? probe->DebugLabel(id) : nullptr;
}
