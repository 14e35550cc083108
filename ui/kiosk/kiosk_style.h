#pragma once

#include <QFont>
#include <QString>

namespace hk::kiosk {

// The panel is portrait 1080×1920 at about 70–100 ppi, read by citizens who may be 80 (DESIGN §1):
// body ≥ 36 px, a number to check ≥ 60 px, targets ≥ 120 × 120 px 24 px apart, contrast ≥ 7:1.
inline constexpr int kScreenWidth = 1080;
inline constexpr int kScreenHeight = 1920;
inline constexpr int kBodyPx = 40;
inline constexpr int kTitlePx = 64;
inline constexpr int kNumberPx = 220;
inline constexpr int kButtonMinPx = 140;
inline constexpr int kGapPx = 32;

// Colours chosen for ≥ 7:1 against their backgrounds; meaning is never carried by colour alone.
inline constexpr const char *kInk = "#111111";        // on white: 18.9:1
inline constexpr const char *kPaper = "#FFFFFF";
inline constexpr const char *kBrand = "#0A3A80";      // white on it: 11.2:1
inline constexpr const char *kBrandPressed = "#06275A";
inline constexpr const char *kAlert = "#8B0000";      // on white: 10.0:1
inline constexpr const char *kAlertPaper = "#FFF1F0"; // dark red on it: 9.2:1
inline constexpr const char *kMuted = "#3A3A3A";      // on white: 11.4:1
inline constexpr const char *kDisabled = "#5A5A5A";   // white on it: 6.9:1 → text also says why

inline constexpr const char *kFontFamily = "Noto Sans CJK SC";

QFont typeface(int pixelSize, bool bold = false);
QString kioskStyleSheet();

} // namespace hk::kiosk
