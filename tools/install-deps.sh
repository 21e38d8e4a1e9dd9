#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
#
# install-deps.sh - install the Debian 12 packages that the build, the tests
# (unit, service, integration, GUI) and tools/demo.sh need.
#
# Idempotent: only packages that are missing are installed, and `apt-get
# update` runs at most once, only when something is missing. Run as root (or
# with sudo available). Prints nothing but a one-line summary when all is there.
set -euo pipefail

PACKAGES=(
  # build
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libsecret-1-dev libsqlite3-dev
  # data validation (desktop file, metainfo), translations, country names
  desktop-file-utils appstream appstream-util locales iso-codes
  # sanitizer runtime (ASan/UBSan builds); clang for the libFuzzer targets (tests/fuzz)
  libclang-rt-14-dev clang
  # GUI tests and the demo: X server, session bus, accessibility, keyring
  xvfb xauth dbus dbus-x11 at-spi2-core python3-pyatspi xdotool imagemagick
  # receipts: the PDF read back (pdftotext) and the README screenshot (pdftoppm)
  poppler-utils
  gnome-keyring libsecret-tools
  # what GTK only recommends, but the running app needs (SVG icons, gtk4 tools)
  librsvg2-common libgtk-4-bin
  # the real Medusa backend (tests/integration/medusa-up.sh)
  postgresql jq curl bc iproute2 nodejs npm
)

log() { echo "[install-deps] $*" >&2; }

installed() {
  dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

missing=()
for p in "${PACKAGES[@]}"; do
  case "$p" in
    # Node may come from elsewhere (e.g. NodeSource's nodejs ships npm itself);
    # installing Debian's npm on top of that would fight over the files.
    nodejs) command -v node >/dev/null 2>&1 && continue ;;
    npm) command -v npm >/dev/null 2>&1 && continue ;;
  esac
  installed "$p" || missing+=("$p")
done

# The German and French locales the translation tests (and a translator
# trying the app) run under; generated once, into the system locale archive.
ensure_locales() {
  local loc have
  have=$(locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')
  for loc in de_DE fr_FR; do
    if ! grep -qx "$(echo "$loc" | tr 'A-Z' 'a-z').utf8" <<<"$have"; then
      log "generating locale $loc.UTF-8"
      "${SUDO[@]}" localedef -i "$loc" -f UTF-8 "$loc.UTF-8" \
        || log "could not generate $loc.UTF-8 (needs root); the translation GUI tests will say so"
    fi
  done
}

SUDO=()
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
fi

if [ ${#missing[@]} -eq 0 ]; then
  ensure_locales
  log "all ${#PACKAGES[@]} packages present"
  exit 0
fi

if [ "$(id -u)" != 0 ] && [ ${#SUDO[@]} -eq 0 ]; then
  log "need root to install: ${missing[*]}"
  exit 1
fi

# The tests run their own PostgreSQL cluster on a private port; do not let the
# Debian package create and start a system 'main' cluster on 5432.
for p in "${missing[@]}"; do
  if [ "$p" = postgresql ]; then
    "${SUDO[@]}" mkdir -p /etc/postgresql-common
    if ! grep -qs '^[[:space:]]*create_main_cluster[[:space:]]*=[[:space:]]*false' /etc/postgresql-common/createcluster.conf; then
      echo "create_main_cluster = false" | "${SUDO[@]}" tee -a /etc/postgresql-common/createcluster.conf >/dev/null
    fi
  fi
done

log "installing: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
  --no-install-recommends -o Dpkg::Options::=--force-confold "${missing[@]}"
ensure_locales
log "done"
