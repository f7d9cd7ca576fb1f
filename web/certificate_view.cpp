#include "certificate_view.h"

#include <cctype>
#include <chrono>
#include <string>

#include "imgui.h"
#include "ui_style.h"
#include "ui_widgets.h"

namespace datahub::web {
namespace {

ImU32 ExpiryColor(Expiry expiry) {
  switch (expiry) {
    case Expiry::Expired:
      return kColorErrorText;
    case Expiry::Soon:
      return kColorWarnText;
    case Expiry::Valid:
    case Expiry::Unknown:
      break;
  }
  return kColorMuted;
}

}  // namespace

void DescribeCertificate(const CertificateInfo& cert, const char* what) {
  std::string who = std::string(what) + ": " + cert.subject;
  if (!cert.issuer.empty()) who += " · issued by " + cert.issuer;
  MutedText(who.c_str());
  if (cert.not_after.empty()) return;
  const auto now = std::chrono::system_clock::now();
  std::string when = ExpiryText(cert.not_after, now);
  when[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(when[0])));
  ImGui::PushStyleColor(ImGuiCol_Text, ExpiryColor(ExpiryOf(cert.not_after, now)));
  LabelWrapped(when.c_str());
  ImGui::PopStyleColor();
}

}  // namespace datahub::web
