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
  # Qt Linguist's lupdate/lrelease and their CMake functions: the citizens' screens in English (DESIGN §14)
  qt6-l10n-tools qt6-tools-dev
  # sd_notify for systemd's Type=notify and watchdog (DESIGN §15)
  libsystemd-dev
  # the hall's shared queue (DESIGN §11): Qt's PostgreSQL driver, libpq, and the server the tests and
  # the hall demo start privately (never the machine's own cluster)
  libqt6sql6-psql libpq-dev postgresql
  # printing through a CUPS queue (libcups), and the private scheduler the tests start (cupsd,
  # lpadmin, the socket backend)
  libcups2-dev cups cups-client
  # QR codes read back (the tests) and from a camera (Qt Multimedia capture, ZXing-C++ 1.4)
  libzxing-dev qt6-multimedia-dev
  # the libFuzzer targets of the suite (a clang build of the pure codecs)
  clang-14 libclang-rt-14-dev
  # the font every screen and ticket is set in (covers GB 18030)
  fonts-noto-cjk
  # a display for the demo and screenshots on headless machines
  xvfb xauth xdotool
  # the kiosk driven by accessible name as a screen reader would (tests/a11y): a session bus, the
  # AT-SPI2 bus and registry, and pyatspi for Debian's python3
  dbus at-spi2-core python3-pyatspi
  # the hall's Mandarin voice (offline)
  espeak-ng
  # the staff console's browser test: Debian's Chromium, driven headless (never a downloaded browser)
  chromium
  # the Debian packages (scripts/package: CPack's DEB generator, dpkg-shlibdeps, lintian) and their
  # install test in a throw-away Debian root (mmdebstrap), the units' and udev rules' checks
  dpkg-dev fakeroot lintian mmdebstrap udev
  # a throw-away certificate for the HTTPS test of the platform client
  openssl
  # the clock jumped under the real program (tests/fault: libfaketime's LD_PRELOAD library)
  faketime
)
# Node.js and npm for that test's driver (playwright-core, from the committed lock file); a machine
# that already has them (any vendor's) keeps its own.
command -v npm >/dev/null 2>&1 || packages+=(nodejs npm)

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
