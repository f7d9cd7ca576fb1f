// The ImGui test-engine hooks and the per-frame item record behind UiProbe.
#include "ui_probe.h"

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
  }
  m_last.swap(m_current);
  m_current.clear();
  ++m_frames;
}

void UiProbe::OnItemAdd(unsigned id, float x0, float y0, float x1, float y1, bool is_window) {
  ImGuiContext& g = *m_ctx;
  ProbeItem item;
  item.id = id;
  item.x = x0;
  item.y = y0;
  item.w = x1 - x0;
  item.h = y1 - y0;
  ImGuiWindow* window = is_window ? ImGui::FindWindowByID(id) : g.CurrentWindow;
  // ImGui's implicit "Debug" window exists every frame but is never drawn.
  if (window && window->IsFallbackWindow) return;
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

void UiProbe::OnItemInfo(unsigned id, const char* label) {
  // ItemInfo follows the ItemAdd of the same id within the same widget call.
  for (auto it = m_current.rbegin(); it != m_current.rend(); ++it) {
    if (it->id == id) {
      std::string_view text = label ? label : "";
      // A child window's name is "Parent/child_ID": its own part is the label.
      ImGuiWindow* window = ImGui::FindWindowByID(id);
      if (window && (window->Flags & ImGuiWindowFlags_ChildWindow))
        text = text.substr(text.rfind('/') + 1);
      it->label = StripIdSuffix(std::string(text).c_str());
      return;
    }
  }
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
}

}  // namespace datahub::web

// [SECTION] The hooks Dear ImGui calls when compiled with IMGUI_ENABLE_TEST_ENGINE.
void ImGuiTestEngineHook_ItemAdd(ImGuiContext* ctx, ImGuiID id, const ImRect& bb,
                                 const ImGuiLastItemData* item_data) {
  if (datahub::web::UiProbe* probe = datahub::web::ProbeOf(ctx))
    probe->OnItemAdd(id, bb.Min.x, bb.Min.y, bb.Max.x, bb.Max.y, item_data == nullptr);
}

void ImGuiTestEngineHook_ItemInfo(ImGuiContext* ctx, ImGuiID id, const char* label,
                                  ImGuiItemStatusFlags) {
  if (datahub::web::UiProbe* probe = datahub::web::ProbeOf(ctx)) probe->OnItemInfo(id, label);
}

void ImGuiTestEngineHook_Log(ImGuiContext*, const char*, ...) {}

const char* ImGuiTestEngine_FindItemDebugLabel(ImGuiContext* ctx, ImGuiID id) {
  const datahub::web::UiProbe* probe = datahub::web::ProbeOf(ctx);
  return probe ? probe->DebugLabel(id) : nullptr;
}
