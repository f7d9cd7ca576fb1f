// Short-lived messages after an action ("Connector saved") in the bottom-right corner.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace datahub::web {

enum class ToastKind { Success, Error };

class Toasts {
 public:
  static constexpr double kSeconds = 4.0;  // how long a toast stays once drawn

  void Show(std::string text, ToastKind kind = ToastKind::Success);
  // Draws the toasts over the screen and drops the expired ones. A toast's time starts at the
  // first frame that draws it, so it never vanishes before being seen.
  void Draw();
  // Seconds from `now` (ImGui time) until the next toast expires, for a frame that removes it;
  // nullopt without toasts.
  std::optional<double> NextWakeIn(double now) const;

 private:
  struct Toast {
    std::string text;
    ToastKind kind;
    double shown_at = -1;  // ImGui time of the first frame that drew it
    // Its own, for ImGui and the screen reader: a toast with the same text as the last one is
    // still a new toast, announced again.
    unsigned serial = 0;
  };
  std::vector<Toast> m_toasts;
  unsigned m_serial = 0;
};

}  // namespace datahub::web
