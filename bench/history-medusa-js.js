// SPDX-License-Identifier: GPL-3.0-or-later
// history-medusa-js.js: the peer of the history row of tools/bench.sh.
// @medusajs/medusa-js 6.1.9 lists every order of the customer of TOKEN,
// page by page, as a storefront does (customers.listOrders, default query).
//   NODE_PATH=<bench folder>/node_modules node history-medusa-js.js URL TOKEN PAGE_SIZE
// Prints "TIME_US <µs>", "REQUESTS <n>", then one order id a line.
"use strict";
const Medusa = require("@medusajs/medusa-js").default;

async function main() {
  const [url, token, pageArg] = process.argv.slice(2);
  const limit = parseInt(pageArg, 10);
  const medusa = new Medusa({ baseUrl: url, maxRetries: 0 });
  const headers = { Authorization: `Bearer ${token}` };
  const ids = [];
  let requests = 0;
  const start = process.hrtime.bigint();
  for (let offset = 0; ; offset += limit) {
    const page = await medusa.customers.listOrders({ limit, offset }, headers);
    requests++;
    for (const order of page.orders) ids.push(order.id);
    if (page.orders.length === 0 || offset + page.orders.length >= page.count) break;
  }
  const us = Number((process.hrtime.bigint() - start) / 1000n);
  process.stdout.write(`TIME_US ${us}\nREQUESTS ${requests}\n${ids.join("\n")}\n`);
}

main().catch((e) => {
  console.error(`history-medusa-js: ${e.message}`);
  process.exit(1);
});
