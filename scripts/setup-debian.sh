#!/usr/bin/env bash
# Installs the Debian 12 packages hallkiosk builds, tests and demonstrates with — only those missing,
# so a second run costs a second. Needs root when something is missing.
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config git
  # Qt 6.4 (Debian 12) and the libraries the terminal links
  qt6-base-dev qt6-base-dev-tools qt6-serialport-dev qt6-httpserver-dev qt6-websockets-dev
  libqt6sql6-sqlite libgl-dev libqrencode-dev libssl-dev
  # the camera scanner: Qt Multimedia capture, ZXing-C++ 1.4 decoding
  qt6-multimedia-dev libzxing-dev
  # the libFuzzer targets of the suite (a clang build of the pure codecs)
  clang-14 libclang-rt-14-dev
  # the font every screen and ticket is set in (covers GB 18030)
  fonts-noto-cjk
  # a display for the demo and screenshots on headless machines
  xvfb xauth xdotool
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "hallkiosk: these Debian packages are missing: ${missing[*]}" >&2
  echo "hallkiosk: run this command as root, or: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "hallkiosk: installing ${#missing[@]} Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
