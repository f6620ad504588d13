// Runs against the compiled output: `npm test` builds first.
const { test, before, after } = require("node:test");
const assert = require("node:assert/strict");
const { createApp } = require("../dist/app.js");

let server;
let base;

before(async () => {
  server = createApp().listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
});

after(() => server.close());

test("GET /health", async () => {
  const res = await fetch(`${base}/health`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: "ok" });
});

test("GET /api/price", async () => {
  const res = await fetch(`${base}/api/price?item=coffee&qty=2`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {
    item: "coffee", name: "Coffee beans 250 g", qty: 2, unitCents: 799, totalCents: 1598,
  });
});

test("GET /api/price with bad input", async () => {
  assert.equal((await fetch(`${base}/api/price?item=caviar`)).status, 404);
  assert.equal((await fetch(`${base}/api/price?item=bread&qty=0`)).status, 400);
});
