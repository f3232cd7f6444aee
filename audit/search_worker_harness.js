// Runs a site's search worker as the theme runs it (the guide's wrapper, which loads the engine's
// worker with importScripts) in Node, gives it the site's index and one search, and prints the
// first answer as JSON: {"ready": bool, "first": <location of the first result> | null}.
// Usage: node search_worker_harness.js SITE_DIR WORKER_URL_FROM_PAGE INDEX_FILE FORMAT QUERY
// FORMAT is "material" (index {config, docs}, a query is a string) or "zensical" (index {config,
// items}, a query is {input}); the message shapes are those each engine's page script sends.
"use strict";
const fs = require("fs");
const path = require("path");
const { pathToFileURL, fileURLToPath } = require("url");

const [site, workerRef, indexFile, format, query] = process.argv.slice(2);
const base = pathToFileURL(path.join(site, "index.html")).href;
const entry = new URL(workerRef, base).href;
const index = JSON.parse(fs.readFileSync(indexFile, "utf8"));
const target = new EventTarget();
const answers = [];

globalThis.self = globalThis;
self.location = { href: entry };
self.postMessage = (message) => answers.push(message);
self.addEventListener = target.addEventListener.bind(target);
self.removeEventListener = target.removeEventListener.bind(target);
self.dispatchEvent = (event) => deliver(event);
self.importScripts = (...urls) => {
  for (const url of urls) (0, eval)(fs.readFileSync(fileURLToPath(new URL(url, entry)), "utf8"));
};

function deliver(event) {
  let stopped = false;
  const stop = event.stopImmediatePropagation.bind(event);
  event.stopImmediatePropagation = () => { stopped = true; stop(); };
  target.dispatchEvent(event);
  if (!stopped && typeof self.onmessage === "function") self.onmessage(event);
  return true;
}

const send = (data) => deliver(new MessageEvent("message", { data }));
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

(async () => {
  self.importScripts(entry);
  // Material's page script adds the search options to the index it sends (search.suggest is on).
  send({ type: 0, data: format === "zensical" ? index : Object.assign({}, index, { options: { suggest: true } }) });
  for (let i = 0; i < 200 && !answers.some((m) => m.type === 1); i++) await settle();
  const ready = answers.some((m) => m.type === 1);
  send({ type: 2, data: format === "zensical" ? { input: query } : query });
  for (let i = 0; i < 200 && !answers.some((m) => m.type === 3); i++) await settle();
  const answer = answers.find((m) => m.type === 3);
  let first = null;
  if (answer && answer.data.items.length) {
    const top = answer.data.items[0];
    first = format === "zensical" ? index.items[top.id].location : top[0].location;
  }
  process.stdout.write(JSON.stringify({ ready, first }) + "\n");
})();
