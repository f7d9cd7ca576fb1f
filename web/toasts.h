// Short-lived messages after an action ("Connector saved") in the bottom-right corner.
#pragma once

#include <string>
#include <vector>

namespace datahub::web {

enum class ToastKind { Success, Error };

class Toasts {
 public:
  static constexpr double kSeconds = 5.0;  // how long a toast stays once drawn

  void Show(std::string text, ToastKind kind = ToastKind::Success);
  // Draws the toasts over the screen and drops the expired ones. Frames are drawn on demand, so
  // a toast may outlive kSeconds until the next input; it never vanishes before being seen.
  void Draw();
  std::vector<std::string> Texts() const;

 private:
  struct Toast {
    std::string text;
    ToastKind kind;
    double shown_at = -1;  // ImGui time of the first frame that drew it
  };
  std::vector<Toast> m_toasts;
};

}  // namespace datahub::web
