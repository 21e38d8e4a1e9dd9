#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
#
# bench.sh - the one benchmark command (see bench/README.md).
#
#   tools/bench.sh [--quick] [--only ROW[,ROW...]] [--json FILE]
#
#   1. a release build in _build/bench (meson --buildtype=release, as users get it)
#   2. @medusajs/medusa-js 6.1.9 (npm) in $BENCH_DIR/js, once
#   3. the real Medusa v1 backend (tests/integration/medusa-up.sh); one that is
#      already running is used and left running
#   4. the bench customer (bench@example.com / supersecret) with 300 real orders,
#      placed once through the cart flow (tests/integration/seed-orders.sh) and
#      kept in the kit's database: only the missing ones are placed
#   5. Xvfb, a private D-Bus session and an unlocked keyring, then bench/bench.py:
#      one table of medians and ratios, measured side by side in this run, and JSON
#
# ROWs: startup history first_rows first_rows_copy memory stall idle parse
# local_search search_provider. --quick: few runs,
# small counts (a check that the benchmark works, ~2 minutes). Everything it
# starts is stopped by PID on exit. Nothing is asserted about speed; the exit
# status is 1 only when a measurement failed or a result was wrong.
#
# Environment (optional): BENCH_DIR (default /var/tmp/medusa-bench),
# MEDUSA_DIR, MEDUSA_PORT, MEDUSA_PG_PORT (as for tools/test-all.sh),
# BENCH_DISPLAYS (X display numbers to try, default "185 186 187 188 189"),
# BENCH_SHOTS=DIR (a screenshot of each idle page there, to check them; ImageMagick).
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
QUICK=0 ONLY= JSON=
while [ $# -gt 0 ]; do
  case $1 in
    --quick) QUICK=1 ;;
    --only) ONLY=$2; shift ;;
    --json) JSON=$2; shift ;;
    -h|--help) sed -n '4,25p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
  shift
done

BUILD="$ROOT/_build/bench"
BENCH_DIR=${BENCH_DIR:-/var/tmp/medusa-bench}
JSON=${JSON:-$BUILD/bench-results.json}
N_ORDERS=300
T0=$(date +%s)
log() { printf '[bench.sh %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

# --- cleanup: only what this script started, by PID ---------------------------------
XVFB_PID= TMP= BACKEND_STARTED=none BACKEND_MEDUSA_PID=
stop_pid() {
  alive "$1" || return 0
  kill -TERM "$1" 2>/dev/null
  for _ in $(seq 1 40); do alive "$1" || return 0; sleep 0.25; done
  kill -KILL "$1" 2>/dev/null
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -n "$TMP" ] && [ -f "$TMP/keyring.pid" ] && stop_pid "$(cat "$TMP/keyring.pid")"
  stop_pid "$XVFB_PID"
  case "$BACKEND_STARTED" in
    all) "$ROOT/tests/integration/medusa-down.sh" >/dev/null || true ;;
    medusa) stop_pid "$BACKEND_MEDUSA_PID"; rm -f "$MEDUSA_DIR/run/medusa.pid" ;;
  esac
  [ -n "$TMP" ] && rm -rf "$TMP"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. release build ----------------------------------------------------------------
log "release build in $BUILD"
if [ ! -f "$BUILD/build.ninja" ]; then
  meson setup "$BUILD" "$ROOT" --buildtype=release -Dtests=true -Dbench=true \
    -Dintegration_tests=false -Dgui_tests=false >"$ROOT/_build/bench-setup.log" 2>&1 \
    || { cat "$ROOT/_build/bench-setup.log"; die "meson setup $BUILD"; }
fi
ninja -C "$BUILD" -j1 >"$ROOT/_build/bench-ninja.log" 2>&1 \
  || { tail -30 "$ROOT/_build/bench-ninja.log"; die "build $BUILD"; }

# --- 2. the peer: medusa-js ----------------------------------------------------------
mkdir -p "$BENCH_DIR/js"
if [ ! -f "$BENCH_DIR/js/node_modules/@medusajs/medusa-js/package.json" ] ||
   [ "$(jq -r .version "$BENCH_DIR/js/node_modules/@medusajs/medusa-js/package.json")" != 6.1.9 ]; then
  log "npm install @medusajs/medusa-js@6.1.9 in $BENCH_DIR/js"
  (cd "$BENCH_DIR/js" && { [ -f package.json ] || npm init -y >/dev/null; } &&
   npm install --no-audit --no-fund @medusajs/medusa-js@6.1.9 >"$BENCH_DIR/npm.log" 2>&1) \
    || { tail -20 "$BENCH_DIR/npm.log"; die "npm install"; }
fi

# --- 3. the backend --------------------------------------------------------------------
MEDUSA_DIR=${MEDUSA_DIR:-/var/tmp/medusa-v1}
MEDUSA_PORT=${MEDUSA_PORT:-9000}
MEDUSA_PG_PORT=${MEDUSA_PG_PORT:-54329}
medusa_pid_before=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
pg_pid_before=$(head -1 "$MEDUSA_DIR/pg/data/postmaster.pid" 2>/dev/null || true)
if ! alive "$medusa_pid_before" && port_in_use "$MEDUSA_PORT"; then
  MEDUSA_DIR=/var/tmp/medusa-v1-alt MEDUSA_PORT=9100 MEDUSA_PG_PORT=54339
  medusa_pid_before=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
  pg_pid_before=$(head -1 "$MEDUSA_DIR/pg/data/postmaster.pid" 2>/dev/null || true)
fi
export MEDUSA_DIR MEDUSA_PORT MEDUSA_PG_PORT
if alive "$medusa_pid_before"; then
  log "backend already running in $MEDUSA_DIR (pid $medusa_pid_before): using it, will not stop it"
elif alive "$pg_pid_before"; then
  BACKEND_STARTED=medusa
else
  BACKEND_STARTED=all
fi
if [ "$BACKEND_STARTED" != none ]; then log "starting the backend (tests/integration/medusa-up.sh)"; fi
"$ROOT/tests/integration/medusa-up.sh" >"$ROOT/_build/bench-medusa-up.log" 2>&1 \
  || { BACKEND_MEDUSA_PID=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
       tail -20 "$ROOT/_build/bench-medusa-up.log"; die "the backend did not start"; }
BACKEND_MEDUSA_PID=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
# shellcheck disable=SC1091
. "$MEDUSA_DIR/run/medusa.env"
export MEDUSA_URL

# --- 4. the bench customer's orders -------------------------------------------------------
export BENCH_EMAIL=bench@example.com BENCH_PASSWORD=supersecret
count_orders() {
  local tok
  tok=$(curl -sf -H 'Content-Type: application/json' \
        -d "{\"email\":\"$BENCH_EMAIL\",\"password\":\"$BENCH_PASSWORD\"}" \
        "$MEDUSA_URL/store/auth/token" | jq -r .access_token) || { echo 0; return; }
  curl -sf -H "Authorization: Bearer $tok" "$MEDUSA_URL/store/customers/me/orders?limit=1&fields=id" \
    | jq -r .count
}
have=$(count_orders)
if [ "${have:-0}" -lt "$N_ORDERS" ]; then
  missing=$((N_ORDERS - ${have:-0}))
  log "placing $missing order(s) for $BENCH_EMAIL (has ${have:-0}; about 1 s each, once)"
  DEMO_EMAIL=$BENCH_EMAIL DEMO_PASSWORD=$BENCH_PASSWORD VARY_STATUS=0 \
    "$ROOT/tests/integration/seed-orders.sh" "$missing" >"$BENCH_DIR/seed.log" 2>&1 \
    || { tail -5 "$BENCH_DIR/seed.log"; die "seeding orders"; }
fi
log "$BENCH_EMAIL has $(count_orders) orders"

# --- 5. Xvfb, D-Bus, keyring, the measurements -------------------------------------------
TMP=$(mktemp -d /tmp/medusa-bench.XXXXXX)
mkdir -p "$TMP"/{home,runtime}; chmod 700 "$TMP/runtime"
display=
for n in ${BENCH_DISPLAYS:-185 186 187 188 189}; do
  if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then display=$n; break; fi
done
[ -n "$display" ] || die "no free X display among ${BENCH_DISPLAYS:-185-189}"
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp -noreset >"$TMP/xvfb.log" 2>&1 &
XVFB_PID=$!
for _ in $(seq 1 80); do DISPLAY=":$display" xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.25; done
DISPLAY=":$display" xdotool getdisplaygeometry >/dev/null 2>&1 || die "Xvfb :$display did not start"
log "Xvfb :$display (pid $XVFB_PID); measuring$([ "$QUICK" = 1 ] && echo " (--quick)")"

# The system's Python (as tests/gui): the stall row finds the list with pyatspi
BENCH_PYTHON=python3
[ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import pyatspi' 2>/dev/null && BENCH_PYTHON=/usr/bin/python3
env -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
  DISPLAY=":$display" BENCH_PYTHON="$BENCH_PYTHON" BENCH_BACKEND_PID="${BACKEND_MEDUSA_PID:-}" BENCH_BACKEND_LOG="${MEDUSA_LOG:-}" GDK_BACKEND=x11 HOME="$TMP/home" XDG_RUNTIME_DIR="$TMP/runtime" \
  TMP="$TMP" BENCH_BUILD="$BUILD" BENCH_SRC="$ROOT" BENCH_QUICK="$QUICK" BENCH_ONLY="$ONLY" \
  BENCH_JS_DIR="$BENCH_DIR/js" BENCH_JSON="$JSON" BENCH_SHOTS="${BENCH_SHOTS:-}" LC_ALL=C.UTF-8 \
  dbus-run-session -- bash -c '
    gnome-keyring-daemon --foreground --unlock --components=secrets \
      <<<"medusa-bench-keyring" >"$TMP/keyring.log" 2>&1 &
    echo $! >"$TMP/keyring.pid"
    for _ in $(seq 1 40); do
      dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
        | grep -q "boolean true" && break
      sleep 0.25
    done
    "$BENCH_PYTHON" "$BENCH_SRC/bench/bench.py"; rc=$?
    kill -TERM "$(cat "$TMP/keyring.pid")" 2>/dev/null
    exit $rc'
rc=$?
log "done (exit $rc)"
exit $rc
