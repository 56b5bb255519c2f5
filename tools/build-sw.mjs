// Generates SITE_DIR/sw.js after any engine's build: bundles
// tools/service-worker.js with Workbox, then injects the revisioned precache
// list of the built files. Usage: node tools/build-sw.mjs SITE_DIR
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { rollup } from "rollup";
import { nodeResolve } from "@rollup/plugin-node-resolve";
import replace from "@rollup/plugin-replace";
import terser from "@rollup/plugin-terser";
import { getManifest, injectManifest } from "workbox-build";

const site = process.argv[2];
if (!site) {
  console.error("usage: node tools/build-sw.mjs SITE_DIR");
  process.exit(2);
}

// The coach's pose model (package.json "poseModel"): its cache is named after the installed version.
const { poseModel } = JSON.parse(await readFile(new URL("../package.json", import.meta.url), "utf8"));
const { version: coachVersion } = JSON.parse(
  await readFile(new URL(`../node_modules/${poseModel.package}/package.json`, import.meta.url), "utf8"),
);
const work = await mkdtemp(join(tmpdir(), "hip-sw-"));
const bundled = join(work, "sw.js");
try {
  const bundle = await rollup({
    input: new URL("service-worker.js", import.meta.url).pathname,
    plugins: [
      nodeResolve(),
      // Workbox's production build: no dev logging.
      replace({
        preventAssignment: true,
        values: {
          "process.env.NODE_ENV": JSON.stringify("production"),
          // The coach's model cache is per version of the package it comes from.
          "process.env.COACH_VERSION": JSON.stringify(coachVersion),
        },
      }),
      terser(),
    ],
  });
  await bundle.write({ file: bundled, format: "iife" });
  await bundle.close();

  const precache = {
    globDirectory: site,
    // Pages, styles, scripts, search index, sitemap (instant navigation reads
    // it), icons, posters and captions. Videos stay out: a reader saves a
    // clip on purpose (offline.js), which keeps the first visit small.
    globPatterns: ["**/*.{html,css,js,json,xml,webmanifest,svg,png,jpg,jpeg,webp,ico,vtt,woff2}"],
    globIgnores: [
      "sw.js",
      "**/*.map",
      // Search stemmers for other languages: this English site never loads them.
      "assets/javascripts/lunr/**",
      // Share cards are for link previews on other sites, never shown here.
      "assets/social/**",
      // The coach's pose model (about 5 MB): cached on first use, never on a first visit.
      "assets/coach/**",
    ],
    // Material's file names carry a content hash: no cache-busting needed.
    dontCacheBustURLsMatching: /\.[0-9a-f]{8}\.min\.(js|css)$/,
  };
  const { count, size, warnings } = await injectManifest({ ...precache, swSrc: bundled, swDest: join(site, "sw.js") });
  for (const warning of warnings) console.warn(`build-sw: ${warning}`);
  // What a first visit downloads in the background, roughly as sent (gzip).
  const { manifestEntries } = await getManifest(precache);
  let gzipped = 0;
  for (const { url } of manifestEntries) gzipped += gzipSync(await readFile(join(site, url))).length;
  console.log(`build-sw: ${join(site, "sw.js")} precaches ${count} files, ${size} bytes (${gzipped} gzipped)`);
  console.log(`precache-entries=${count} precache-bytes=${size} precache-gzip-bytes=${gzipped}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
