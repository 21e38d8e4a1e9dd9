"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
// Test-only subscriber: Medusa v1 emits "order-update-token.created" with
// { old_email, new_customer_id, orders: [order ids], token } once per order
// email when a signed-in customer calls POST /store/orders/batch/customer/token.
// The token (a JWT, valid 15 minutes) is what the store would mail to
// old_email; without a notification provider it would be lost, so we write it
// to disk for tests, the way password-reset-capture.js does:
//   $MEDUSA_CLAIM_TOKEN_DIR/<old_email>.json   (latest token for that email, atomic write)
//   $MEDUSA_CLAIM_TOKEN_DIR/tokens.jsonl       (append-only log)
// Default dir: <project>/claim-tokens. Delivery is async (staged job, ~3 s poll).
// The __esModule flag is required (see password-reset-capture.js).
const fs = require("fs");
const path = require("path");

async function orderClaimCapture({ data, eventName }) {
  const dir =
    process.env.MEDUSA_CLAIM_TOKEN_DIR ||
    path.join(__dirname, "..", "..", "claim-tokens");
  fs.mkdirSync(dir, { recursive: true });
  const rec = {
    event: eventName || "order-update-token.created",
    email: data.old_email,
    customer_id: data.new_customer_id,
    orders: data.orders,
    token: data.token,
    received_at: new Date().toISOString(),
  };
  const line = JSON.stringify(rec);
  const file = path.join(dir, String(data.old_email).toLowerCase() + ".json");
  const tmp = file + ".tmp-" + process.pid;
  fs.writeFileSync(tmp, line + "\n");
  fs.renameSync(tmp, file);
  fs.appendFileSync(path.join(dir, "tokens.jsonl"), line + "\n");
}

exports.default = orderClaimCapture;
exports.config = {
  event: "order-update-token.created",
  context: { subscriberId: "order-claim-capture" },
};
