#!/usr/bin/env bash
# guest-order.sh - place ONE order as a guest (no sign-in, no cookie of a
# customer) through the Medusa v1 store cart flow, for EMAIL.
#
# Usage:  guest-order.sh EMAIL [QUANTITY]
# Environment: MEDUSA_URL (default: from $MEDUSA_DIR/run/medusa.env, else
#   http://127.0.0.1:9000; loopback only).
# Output (stdout, one line of JSON): {"id":"order_…","display_id":N,"email":"…","total":N}
# The store keeps the order with a guest customer record (has_account false)
# for EMAIL; an account registered later with the same email takes that record
# over, one with another email must claim the order
# (POST /store/orders/batch/customer/token, then /store/orders/customer/confirm).
set -euo pipefail
EMAIL=${1:?usage: guest-order.sh EMAIL [QUANTITY]}
QTY=${2:-1}
MEDUSA_DIR=${MEDUSA_DIR:-/var/tmp/medusa-v1}
if [ -z "${MEDUSA_URL:-}" ] && [ -f "$MEDUSA_DIR/run/medusa.env" ]; then
  MEDUSA_URL=$(sed -n 's/^MEDUSA_URL=//p' "$MEDUSA_DIR/run/medusa.env")
fi
B=${MEDUSA_URL:-http://127.0.0.1:9000}
case "$B" in http://127.*|http://localhost*) ;; *) echo "MEDUSA_URL must be loopback (got $B)" >&2; exit 2;; esac
case "$QTY" in ''|*[!0-9]*) echo "QUANTITY must be a number" >&2; exit 2;; esac

TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT

# api METHOD PATH [JSON] -> prints body, dies on non-2xx (no cookie jar: a guest)
api() {
  local m=$1 p=$2 body=${3:-} code
  local args=(-sS -X "$m" -o "$TMP/body" -w '%{http_code}')
  [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  code=$(curl "${args[@]}" "$B$p") || { echo "curl failed: $m $p" >&2; exit 1; }
  if [ "${code:0:1}" != 2 ]; then echo "HTTP $code on $m $p: $(head -c 600 "$TMP/body")" >&2; exit 1; fi
  cat "$TMP/body"
}

REGION=$(api GET /store/regions | jq -r '[.regions[] | select(.currency_code=="eur")][0].id // .regions[0].id')
COUNTRY=$(api GET "/store/regions/$REGION" | jq -r '.region.countries[0].iso_2')
VARIANT=$(api GET "/store/products?limit=1" | jq -r '.products[0].variants[0].id')
[ -n "$VARIANT" ] && [ "$VARIANT" != null ] || { echo "no product variants - is the DB seeded?" >&2; exit 1; }

cart=$(api POST /store/carts "$(jq -nc --arg r "$REGION" '{region_id:$r}')" | jq -r .cart.id)
api POST "/store/carts/$cart/line-items" "{\"variant_id\":\"$VARIANT\",\"quantity\":$QTY}" >/dev/null
addr=$(jq -nc --arg c "$COUNTRY" '{first_name:"Guest",last_name:"Shopper",address_1:"Gaststrasse 1",city:"Berlin",country_code:$c,postal_code:"10115"}')
api POST "/store/carts/$cart" "$(jq -nc --arg e "$EMAIL" --argjson a "$addr" '{email:$e,shipping_address:$a,billing_address:$a}')" >/dev/null
so=$(api GET "/store/shipping-options/$cart" | jq -r '.shipping_options[0].id')
api POST "/store/carts/$cart/shipping-methods" "{\"option_id\":\"$so\"}" >/dev/null
api POST "/store/carts/$cart/payment-sessions" >/dev/null
api POST "/store/carts/$cart/payment-session" '{"provider_id":"manual"}' >/dev/null
res=$(api POST "/store/carts/$cart/complete")
[ "$(jq -r .type <<<"$res")" = order ] || { echo "cart $cart did not complete: $(head -c 600 <<<"$res")" >&2; exit 1; }
jq -c '{id: .data.id, display_id: .data.display_id, email: .data.email, total: .data.total}' <<<"$res"
