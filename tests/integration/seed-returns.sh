#!/usr/bin/env bash
# seed-returns.sh - make sure the backend can take returns: return reasons
# (one with a child reason) and a priced return shipping option for the
# region, created through the admin API. Idempotent: only what is missing is
# created (reasons by value, the option by name). medusa-up.sh runs it.
#
# Usage:  tests/integration/seed-returns.sh
# Environment (all optional):
#   MEDUSA_URL      (default: from $MEDUSA_DIR/run/medusa.env, else http://127.0.0.1:9000)
#   MEDUSA_DIR      (default /var/tmp/medusa-v1)
#   REGION_ID       (default: the first region the store lists)
#   ADMIN_EMAIL     (default admin@example.com)  ADMIN_PASSWORD (default supersecret)
set -euo pipefail
MEDUSA_DIR=${MEDUSA_DIR:-/var/tmp/medusa-v1}
if [ -z "${MEDUSA_URL:-}" ] && [ -f "$MEDUSA_DIR/run/medusa.env" ]; then
  MEDUSA_URL=$(sed -n 's/^MEDUSA_URL=//p' "$MEDUSA_DIR/run/medusa.env")
fi
B=${MEDUSA_URL:-http://127.0.0.1:9000}
case "$B" in http://127.*|http://localhost*) ;; *) echo "MEDUSA_URL must be loopback (got $B)" >&2; exit 2;; esac
ADMIN_EMAIL=${ADMIN_EMAIL:-admin@example.com}
ADMIN_PASSWORD=${ADMIN_PASSWORD:-supersecret}

TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
JAR="$TMP/admin.jar"

# api METHOD PATH [JSON]  -> prints body, dies on non-2xx
api() {
  local m=$1 p=$2 body=${3:-} code
  local args=(-sS -X "$m" -b "$JAR" -c "$JAR" -o "$TMP/body" -w '%{http_code}')
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  code=$(curl "${args[@]}" "$B$p") || { echo "curl failed: $m $p" >&2; exit 1; }
  if [ "${code:0:1}" != 2 ]; then echo "HTTP $code on $m $p: $(head -c 600 "$TMP/body")" >&2; exit 1; fi
  cat "$TMP/body"
}

api POST /admin/auth "$(jq -nc --arg e "$ADMIN_EMAIL" --arg p "$ADMIN_PASSWORD" '{email:$e,password:$p}')" >/dev/null
REGION_ID=${REGION_ID:-$(api GET /store/regions | jq -r '[.regions[] | select(.currency_code=="eur")][0].id // .regions[0].id')}

# reason VALUE LABEL [PARENT_VALUE]: the id of the reason, created when missing
reason() {
  local value=$1 label=$2 parent=${3:-} id parent_id body
  id=$(api GET /admin/return-reasons | jq -r --arg v "$value" '[.return_reasons[] | ., (.return_reason_children // [])[] | select(.value==$v)][0].id // empty')
  if [ -z "$id" ]; then
    body=$(jq -nc --arg v "$value" --arg l "$label" '{value:$v,label:$l}')
    if [ -n "$parent" ]; then
      parent_id=$(reason "$parent" "")
      body=$(jq -c --arg p "$parent_id" '. + {parent_return_reason_id:$p}' <<<"$body")
    fi
    id=$(api POST /admin/return-reasons "$body" | jq -r .return_reason.id)
    echo "[seed-returns] return reason $value ($label) created" >&2
  fi
  echo "$id"
}
reason wrong_size "Wrong size" >/dev/null
reason too_small "Too small" wrong_size >/dev/null
reason too_large "Too large" wrong_size >/dev/null
reason damaged "Arrived damaged" >/dev/null
reason not_as_described "Not as described" >/dev/null

# A priced return option next to the seed's free "Standard Return".
have=$(api GET "/admin/shipping-options?is_return=true&region_id=$REGION_ID" \
         | jq -r '[.shipping_options[] | select(.name=="Return by Post")] | length')
if [ "$have" = 0 ]; then
  api POST /admin/shipping-options "$(jq -nc --arg r "$REGION_ID" \
      '{name:"Return by Post",region_id:$r,provider_id:"manual",data:{id:"manual-fulfillment"},price_type:"flat_rate",amount:495,is_return:true}')" >/dev/null
  echo "[seed-returns] return shipping option 'Return by Post' created" >&2
fi
echo "[seed-returns] $(api GET /store/return-reasons | jq '[.return_reasons[], .return_reasons[].return_reason_children[]] | length') return reasons," \
     "$(api GET "/store/shipping-options?is_return=true&region_id=$REGION_ID" | jq '.shipping_options | length') return option(s)" >&2
