// Bundles and minifies the page scripts after any engine's build: main.js
// (with lib/page.js folded in) and one chunk per module it loads on demand
// (the tools workout, coach and meter, named after their folders;
// steps-video, video, my-log, reminder, save-clip, languages, update), plus the chunks they
// share, all beside main.js so import.meta.url stays where the sources
// expect it. The sources come from docs/assets/javascripts/ (not the built
// copies), so a second run gives the same result; the output is cached in
// .hip-cache/build-js/ under a hash of the sources, this script and the lock
// file. `make serve` loads the sources as they are.
// Usage: node tools/build-js.mjs SITE_DIR
import { createHash } from "node:crypto";
import { cp, mkdir, readFile, readdir, rm, stat } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const site = process.argv[2];
if (!site) {
  console.error("usage: node tools/build-js.mjs SITE_DIR");
  process.exit(2);
}
const root = fileURLToPath(new URL("../", import.meta.url));
const sources = join(root, "docs", "assets", "javascripts");
const target = join(site, "assets", "javascripts");

async function files(dir) {
  const found = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await files(path)));
    else found.push(path);
  }
  return found.sort();
}

const inputs = await files(sources);
const hash = createHash("sha256");
for (const path of [...inputs, fileURLToPath(import.meta.url), join(root, "package-lock.json")]) {
  hash.update(relative(root, path)).update("\0").update(await readFile(path)).update("\0");
}
const cache = join(process.env.HIP_BUILD_CACHE || join(root, ".hip-cache"), "build-js", hash.digest("hex").slice(0, 24));

const cached = await stat(cache).then(() => true, () => false);
if (!cached) {
  const work = `${cache}.tmp-${process.pid}`;
  // Loaded only when there is something to bundle: importing them is most of a cached run's time.
  const { rollup } = await import("rollup");
  const { default: terser } = await import("@rollup/plugin-terser");
  const bundle = await rollup({ input: join(sources, "main.js"), plugins: [terser()] });
  // A tool's folder (workout/index.js) names its chunk (workout.js), as main.js names the tool.
  const chunkFileNames = (/** @type {import("rollup").PreRenderedChunk} */ chunk) =>
    chunk.facadeModuleId && basename(chunk.facadeModuleId) === "index.js"
      ? `${basename(dirname(chunk.facadeModuleId))}.js`
      : "[name].js";
  await bundle.write({ dir: work, format: "es", entryFileNames: "[name].js", chunkFileNames });
  await bundle.close();
  await rm(cache, { recursive: true, force: true });
  await cp(work, cache, { recursive: true });
  await rm(work, { recursive: true, force: true });
}

// Replace the copies of the sources the engine made (Material's own scripts stay).
for (const path of inputs) await rm(join(target, relative(sources, path)), { force: true });
for (const folder of new Set(inputs.map((path) => relative(sources, dirname(path))).filter(Boolean))) {
  await rm(join(target, folder), { recursive: true, force: true });
}
await mkdir(target, { recursive: true });
await cp(cache, target, { recursive: true });
const out = await readdir(cache);
let bytes = 0;
for (const name of out) bytes += (await stat(join(cache, name))).size;
console.log(`build-js: ${out.length} files, ${bytes} bytes${cached ? " (cached)" : ""}: ${out.sort().join(" ")}`);
