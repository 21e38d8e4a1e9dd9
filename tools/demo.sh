#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copyright 2026 The Medusa Account authors
#
# demo.sh - see Medusa Account working against a real store, in one command.
#
#   1. tools/install-deps.sh (only what is missing)
#   2. builds the app into _build/demo
#   3. starts a real Medusa v1 backend on loopback (tests/integration/medusa-up.sh)
#   4. seeds demo@example.com / supersecret with a few addresses and 30 orders in
#      varied states (only once: skipped when the customer has >= 30 orders)
#   5. runs the app with that store preselected; when it exits, stops the backend
#      (only if this script started it)
#
# Usage: tools/demo.sh [--v2] [--no-app]
#   --v2      a Medusa v2 (2.21) store instead (tests/integration-v2/medusa-up.sh,
#             /var/tmp/medusa-v2, port 9200): the same customer with 12 orders in
#             every state seed-orders.sh makes and three saved addresses; the app
#             gets the store's publishable key with it
#   --no-app  set up and seed the store, print its URL, leave it running, exit.
#             Useful without a display; stop it later with
#             MEDUSA_DIR=<dir> tests/integration/medusa-down.sh (v2: integration-v2)
# Environment: MEDUSA_DIR, MEDUSA_PORT, MEDUSA_PG_PORT as for tools/test-all.sh.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
BUILD="$ROOT/_build/demo"
DEMO_EMAIL=demo@example.com
DEMO_PASSWORD=supersecret
DEMO_ORDERS=30
DEMO_ORDERS_V2=12
T0=$(date +%s)

RUN_APP=1
V2=0
for a in "$@"; do
  case "$a" in
    --no-app) RUN_APP=0 ;;
    --v2) V2=1 ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    *) echo "unknown argument: $a (try --help)" >&2; exit 2 ;;
  esac
done

log() { printf '[demo %4ss] %s\n' "$(( $(date +%s) - T0 ))" "$*"; }
alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

if [ "$RUN_APP" = 1 ] && [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  cat >&2 <<'EOF'
[demo] There is no display: neither DISPLAY nor WAYLAND_DISPLAY is set, so the
[demo] app cannot open a window here. Run tools/demo.sh from a desktop session
[demo] (or over `ssh -X`), or run `tools/demo.sh --no-app` to only build, start
[demo] and seed the store, and point an app on another machine at it.
EOF
  exit 2
fi

# --- 1. dependencies ---------------------------------------------------------------
log "checking dependencies"
"$ROOT/tools/install-deps.sh"

# --- 2. build -------------------------------------------------------------------------
log "building into $BUILD"
mkdir -p "$ROOT/_build"
if [ -f "$BUILD/build.ninja" ]; then
  meson configure "$BUILD" -Dapp=true >"$ROOT/_build/demo-setup.log" 2>&1
else
  rm -rf "$BUILD"
  meson setup "$BUILD" "$ROOT" -Dapp=true -Dtests=false >"$ROOT/_build/demo-setup.log" 2>&1
fi || { cat "$ROOT/_build/demo-setup.log" >&2; echo "[demo] meson setup failed" >&2; exit 1; }
ninja -C "$BUILD" >"$ROOT/_build/demo-build.log" 2>&1 \
  || { tail -40 "$ROOT/_build/demo-build.log" >&2; echo "[demo] the build failed" >&2; exit 1; }
APP=$(meson introspect --targets "$BUILD" \
        | jq -r '[.[] | select(.type == "executable" and .name == "medusa-account") | .filename[0]][0] // empty')
if [ "$RUN_APP" = 1 ] && { [ -z "$APP" ] || [ ! -x "$APP" ]; }; then
  echo "[demo] the build did not produce the medusa-account program" >&2; exit 1
fi

# --- 3. backend -------------------------------------------------------------------------
KIT="$ROOT/tests/integration"
if [ "$V2" = 1 ]; then
  # The v2 kit: its own folder and ports, so that both demos can run side by side.
  KIT="$ROOT/tests/integration-v2"
  MEDUSA_DIR=${MEDUSA_DIR:-/var/tmp/medusa-v2}
  MEDUSA_PORT=${MEDUSA_PORT:-9200}
  MEDUSA_PG_PORT=${MEDUSA_PG_PORT:-54339}
  medusa_pid_before=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
  if ! alive "$medusa_pid_before" && port_in_use "$MEDUSA_PORT"; then
    log "port $MEDUSA_PORT is taken by another process; using 9300/54359"
    MEDUSA_DIR=/var/tmp/medusa-v2-alt MEDUSA_PORT=9300 MEDUSA_PG_PORT=54359
    medusa_pid_before=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
  fi
fi
MEDUSA_DIR=${MEDUSA_DIR:-/var/tmp/medusa-v1}
MEDUSA_PORT=${MEDUSA_PORT:-9000}
MEDUSA_PG_PORT=${MEDUSA_PG_PORT:-54329}
medusa_pid_before=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
if [ "$V2" = 0 ] && ! alive "$medusa_pid_before" && port_in_use "$MEDUSA_PORT"; then
  log "port $MEDUSA_PORT is taken by another process; using 9100/54339"
  MEDUSA_DIR=/var/tmp/medusa-v1-alt MEDUSA_PORT=9100 MEDUSA_PG_PORT=54339
  medusa_pid_before=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
fi
pg_pid_before=$(head -1 "$MEDUSA_DIR/pg/data/postmaster.pid" 2>/dev/null || true)
export MEDUSA_DIR MEDUSA_PORT MEDUSA_PG_PORT

STARTED=none
if alive "$medusa_pid_before"; then
  log "store already running (pid $medusa_pid_before); it stays running afterwards"
elif alive "$pg_pid_before"; then
  STARTED=medusa
else
  STARTED=all
fi

stop_backend() {
  trap - EXIT INT TERM
  case "$STARTED" in
    all) log "stopping the store"; "$KIT/medusa-down.sh" || true ;;
    medusa)
      pid=$(cat "$MEDUSA_DIR/run/medusa.pid" 2>/dev/null || true)
      if alive "$pid"; then
        log "stopping Medusa (pid $pid)"
        kill -TERM "$pid"
        for _ in $(seq 1 80); do alive "$pid" || break; sleep 0.25; done
        rm -f "$MEDUSA_DIR/run/medusa.pid"
      fi ;;
  esac
}
if [ "$RUN_APP" = 1 ]; then
  trap stop_backend EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
fi

log "starting the store (first time: ~1 min for npm ci and the database)"
"$KIT/medusa-up.sh" >/dev/null
# shellcheck disable=SC1091
. "$MEDUSA_DIR/run/medusa.env"
log "store at $MEDUSA_URL"
[ "$V2" = 1 ] || MEDUSA_PUBLISHABLE_KEY=   # a v1 store needs none; the app gets one only for v2

# --- 4. demo data -----------------------------------------------------------------------
TMP=$(mktemp -d)
cleanup_tmp() { rm -rf "$TMP"; }
api() { # METHOD PATH [JSON] -> body on stdout; HTTP code in $TMP/code
  local args=(-sS -X "$1" -o "$TMP/body" -w '%{http_code}')
  [ -n "${TOKEN:-}" ] && args+=(-H "Authorization: Bearer $TOKEN")
  [ -n "${MEDUSA_PUBLISHABLE_KEY:-}" ] && args+=(-H "x-publishable-api-key: $MEDUSA_PUBLISHABLE_KEY")
  [ -n "${3:-}" ] && args+=(-H 'Content-Type: application/json' --data-binary "$3")
  curl "${args[@]}" "$MEDUSA_URL$2" >"$TMP/code"
  cat "$TMP/body"
}

TOKEN=
creds=$(jq -nc --arg e "$DEMO_EMAIL" --arg p "$DEMO_PASSWORD" '{email:$e,password:$p}')
if [ "$V2" = 1 ]; then
  # Medusa v2: the token from /auth (its actor_id is set once the customer
  # exists), orders at /store/orders, flat address bodies (NOTES.md of the kit).
  TOKEN=$(api POST /auth/customer/emailpass "$creds" | jq -r '.token // empty' 2>/dev/null || true)
  have_orders=0
  if [ -n "$TOKEN" ] && [ "$(cat "$TMP/code")" = 200 ]; then
    have_orders=$(api GET "/store/orders?limit=1&fields=id" | jq -r '.count // 0' 2>/dev/null || echo 0)
  fi
  if [ "$have_orders" -ge "$DEMO_ORDERS_V2" ]; then
    log "$DEMO_EMAIL already has $have_orders orders; not seeding again"
  else
    missing=$(( DEMO_ORDERS_V2 - have_orders ))
    log "placing $missing orders for $DEMO_EMAIL (3-10 s each)"
    MEDUSA_DIR="$MEDUSA_DIR" MEDUSA_URL="$MEDUSA_URL" MEDUSA_PUBLISHABLE_KEY="$MEDUSA_PUBLISHABLE_KEY" \
      DEMO_EMAIL="$DEMO_EMAIL" DEMO_PASSWORD="$DEMO_PASSWORD" \
      "$KIT/seed-orders.sh" "$missing" >"$TMP/seed.log" 2>&1 \
      || { cat "$TMP/seed.log" >&2; cleanup_tmp; exit 1; }
    TOKEN=$(api POST /auth/customer/emailpass "$creds" | jq -r '.token')
  fi

  have_addresses=$(api GET /store/customers/me | jq -c '[.customer.addresses[].address_1]' 2>/dev/null || true)
  [ "$(cat "$TMP/code")" = 200 ] || { echo "[demo] reading the demo customer failed: $(cat "$TMP/body")" >&2; cleanup_tmp; exit 1; }
  for addr in \
    '{"address_name":"Home","first_name":"Demo","last_name":"Customer","address_1":"Teststrasse 1","city":"Berlin","country_code":"de","postal_code":"10115","phone":"+4930123456","is_default_shipping":true,"is_default_billing":true}' \
    '{"address_name":"Office","first_name":"Demo","last_name":"Customer","company":"Demo BV","address_1":"Keizersgracht 100","city":"Amsterdam","country_code":"nl","postal_code":"1015 AA"}' \
    '{"first_name":"Demo","last_name":"Customer","address_1":"12 rue de Rivoli","address_2":"3e etage","city":"Paris","country_code":"fr","postal_code":"75001"}'; do
    street=$(jq -r .address_1 <<<"$addr")
    jq -e --arg s "$street" 'index($s) != null' <<<"$have_addresses" >/dev/null && continue
    log "adding the address $street"
    api POST /store/customers/me/addresses "$addr" >/dev/null
    [ "$(cat "$TMP/code")" = 200 ] || { echo "[demo] adding an address failed: $(cat "$TMP/body")" >&2; cleanup_tmp; exit 1; }
  done
else
  TOKEN=$(api POST /store/auth/token "$creds" | jq -r '.access_token // empty' 2>/dev/null || true)
  have_orders=0
  if [ -n "$TOKEN" ]; then
    have_orders=$(api GET "/store/customers/me/orders?limit=1&fields=id" | jq -r '.count // 0')
  fi
  if [ "$have_orders" -ge "$DEMO_ORDERS" ]; then
    log "$DEMO_EMAIL already has $have_orders orders; not seeding again"
  else
    log "placing $DEMO_ORDERS orders for $DEMO_EMAIL (about 45 s)"
    MEDUSA_URL="$MEDUSA_URL" DEMO_EMAIL="$DEMO_EMAIL" DEMO_PASSWORD="$DEMO_PASSWORD" \
      "$ROOT/tests/integration/seed-orders.sh" "$DEMO_ORDERS" >"$TMP/seed.log" 2>&1 \
      || { cat "$TMP/seed.log" >&2; cleanup_tmp; exit 1; }
    TOKEN=$(api POST /store/auth/token "$creds" | jq -r '.access_token')
  fi

  n_addresses=$(api GET /store/customers/me | jq -r '.customer.shipping_addresses | length')
  if [ "$n_addresses" -lt 3 ]; then
    log "adding addresses"
    api POST /store/customers/me '{"first_name":"Demo","last_name":"Customer","phone":"+4930123456","billing_address":{"first_name":"Demo","last_name":"Customer","company":"Demo GmbH","address_1":"Rechnungsweg 1","city":"Berlin","country_code":"de","postal_code":"10115"}}' >/dev/null
    for addr in \
      '{"first_name":"Demo","last_name":"Customer","address_1":"Teststrasse 1","city":"Berlin","country_code":"de","postal_code":"10115","phone":"+4930123456"}' \
      '{"first_name":"Demo","last_name":"Customer","company":"Demo BV","address_1":"Keizersgracht 100","city":"Amsterdam","country_code":"nl","postal_code":"1015 AA"}' \
      '{"first_name":"Demo","last_name":"Customer","address_1":"12 rue de Rivoli","address_2":"3e etage","city":"Paris","country_code":"fr","postal_code":"75001"}'; do
      api POST /store/customers/me/addresses "{\"address\":$addr}" >/dev/null
      [ "$(cat "$TMP/code")" = 200 ] || { echo "[demo] adding an address failed: $(cat "$TMP/body")" >&2; cleanup_tmp; exit 1; }
    done
  fi
fi
cleanup_tmp
log "demo customer: $DEMO_EMAIL / $DEMO_PASSWORD"

if [ "$RUN_APP" = 0 ]; then
  log "store left running at $MEDUSA_URL"
  echo "Stop it with: MEDUSA_DIR=$MEDUSA_DIR $KIT/medusa-down.sh"
  echo "$MEDUSA_URL"
  exit 0
fi

# --- 5. the app -----------------------------------------------------------------------------
schema_dir=$(find "$BUILD" -name gschemas.compiled -printf '%h\n' 2>/dev/null | head -1)
if [ -z "$schema_dir" ]; then
  schema_dir="$BUILD/demo-schemas"
  mkdir -p "$schema_dir"
  cp "$ROOT"/data/*.gschema.xml "$schema_dir"/ 2>/dev/null || true
  glib-compile-schemas "$schema_dir"
fi
log "running $APP (sign in as $DEMO_EMAIL / $DEMO_PASSWORD; close the window to stop)"
app_rc=0
# MEDUSA_ACCOUNT_LOCALEDIR: the translations compiled in the build tree, so
# e.g. LANGUAGE=de tools/demo.sh shows the app in German without installing it.
# A v2 store comes with its publishable key (the store profile keeps it).
store_env=(MEDUSA_ACCOUNT_STORE_URL="$MEDUSA_URL")
if [ "$V2" = 1 ]; then
  store_env+=(MEDUSA_ACCOUNT_PUBLISHABLE_KEY="$MEDUSA_PUBLISHABLE_KEY"
              MEDUSA_ACCOUNT_STORE_NAME="Demo Store (Medusa v2)")
fi
env "${store_env[@]}" GSETTINGS_SCHEMA_DIR="$schema_dir" \
  MEDUSA_ACCOUNT_LOCALEDIR="$BUILD/po" "$APP" || app_rc=$?
log "the app exited ($app_rc)"
exit "$app_rc"
