#!/usr/bin/env bash
# Installs what building and running Partner Risk needs on a fresh Debian machine:
# system packages (apt-get, as root) and the UI's npm packages. With --test, also what
# only the checks and tests use: the WebDriver servers and browsers of the end-to-end
# tests, Xvfb, PDF and database tools of the scripts, rustfmt and clippy.
# Installs only what is missing, so it is cheap to run before every build.
#
#   scripts/install-deps.sh          for `make run` and `make bundle`
#   scripts/install-deps.sh --test   for `make test` and `make lint`
set -euo pipefail
cd "$(dirname "$0")/.."

tests=0
case "${1:-}" in
  --test) tests=1 ;;
  "") ;;
  *) echo "usage: scripts/install-deps.sh [--test]" >&2; exit 2 ;;
esac

packages=(
  build-essential pkg-config file
  libwebkit2gtk-4.1-dev libxdo-dev libssl-dev libayatana-appindicator3-dev librsvg2-dev
  fonts-dejavu-core fonts-droid-fallback
)
if [ "$tests" -eq 1 ]; then
  # End-to-end tests (Xvfb, WebKit's and Chromium's WebDriver), screenshots (xdotool),
  # PDF checks (poppler-utils, qpdf), scripts (python3, time), the crash harness (sqlite3) and
  # the team register's tests, which start a private PostgreSQL cluster (postgresql).
  packages+=(
    xvfb xauth xdotool webkit2gtk-driver chromium chromium-driver
    poppler-utils qpdf python3 time sqlite3 postgresql
  )
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing system packages: ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "run as root (or install them yourself): apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi

if [ "$tests" -eq 1 ]; then
  if command -v rustup >/dev/null 2>&1; then
    for c in rustfmt clippy; do
      rustup component list --installed 2>/dev/null | grep -q "^$c" || rustup component add "$c"
    done
  fi
  # WebDriver server for the end-to-end tests in the real window (a few minutes to build).
  if ! command -v tauri-driver >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/tauri-driver" ]; then
    cargo install tauri-driver --locked --version '^2'
  fi
fi

command -v npm >/dev/null 2>&1 || { echo "Node.js 20 or newer with npm is required" >&2; exit 1; }
if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
  npm --prefix ui ci --no-audit --no-fund
fi
