// Generates SITE_DIR/sw.js after any engine's build: bundles
// tools/service-worker.js with Workbox, then injects the revisioned precache
// list of the built files. Each language other than English (a site of its
// own in SITE_DIR/<lang>/, from mkdocs.<lang>.yml) gets its own worker,
// SITE_DIR/<lang>/sw.js, scoped to its folder: it precaches that language's
// pages and the shared files, so a reader's first visit precaches only the
// language they read. Usage: node tools/build-sw.mjs SITE_DIR
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, readdir, rename, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
// The one function only: the package's index also loads generateSW (rollup,
// Babel), which would take most of this step's time.
import { injectManifest } from "workbox-build/build/inject-manifest.js";

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
// The bundle depends only on the worker's source, this script and the pinned
// packages: it is kept in .hip-cache/build-sw/ under a hash of them and
// rebuilt only when one changes (rollup is most of this step's time).
const root = new URL("../", import.meta.url);
const hash = createHash("sha256").update(coachVersion);
for (const file of ["tools/service-worker.js", "tools/build-sw.mjs", "package-lock.json"]) {
  hash.update(file).update(await readFile(new URL(file, root)));
}
const cacheDir = process.env.HIP_BUILD_CACHE || join(fileURLToPath(root), ".hip-cache");
const bundled = join(cacheDir, "build-sw", `${hash.digest("hex").slice(0, 24)}.js`);
const cached = await stat(bundled).then(() => true, () => false);
if (!cached) {
  // Loaded only when there is something to bundle: importing them takes a good part of a second.
  const { rollup } = await import("rollup");
  const { nodeResolve } = await import("@rollup/plugin-node-resolve");
  const { default: replace } = await import("@rollup/plugin-replace");
  const { default: terser } = await import("@rollup/plugin-terser");
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
  await mkdir(dirname(bundled), { recursive: true });
  await bundle.write({ file: `${bundled}.tmp-${process.pid}`, format: "iife" });
  await bundle.close();
  await rename(`${bundled}.tmp-${process.pid}`, bundled);
}

// The languages other than English: a settings file mkdocs.<lang>.yml beside mkdocs.yml (tools/sitemodel.py).
const languages = (await readdir(fileURLToPath(root)))
  .map((name) => /^mkdocs\.(.+)\.yml$/.exec(name)?.[1])
  .filter((code) => code)
  .sort();

/** @type {Omit<import("workbox-build").InjectManifestOptions, "swSrc" | "swDest">} */
const precache = {
  globDirectory: site,
  // Pages, styles, scripts, search index, sitemap (instant navigation reads
  // it), icons, posters and captions. Videos stay out: a reader saves a
  // clip on purpose (save-clip.js), which keeps the first visit small.
  globPatterns: ["**/*.{html,css,js,json,xml,webmanifest,svg,png,jpg,jpeg,webp,ico,vtt,woff2}"],
  globIgnores: [
    "sw.js",
    "**/*.map",
    // Search stemmers for other languages: this English site never loads them.
    "assets/javascripts/lunr/**",
    // Share cards are for link previews on other sites, never shown here; the
    // languages' sitemap (postbuild.py) is for search engines.
    "assets/social/**",
    "sitemap-languages.xml",
    // The coach's pose model (about 5 MB): cached on first use, never on a first visit.
    "assets/coach/**",
  ],
  // Material's file names carry a content hash: no cache-busting needed; but the
  // post-build trims the palette stylesheet (build-css.mjs), so it keeps a revision.
  dontCacheBustURLsMatching: /\/(?!palette\.)[^/]+\.[0-9a-f]{8}\.min\.(js|css)$/,
};
/** The revision Workbox would give a file: its content's hash. @param {string} path */
const revision = async (path) => createHash("md5").update(await readFile(join(site, path))).digest("hex");

// English, at the root: every language's folder left out.
// A language's captions and chapters (assets/media/*.<lang>.vtt) go only to its own worker.
// Likewise a language's tools' words (the chunk of messages/<lang>.js).
const otherLanguagesFiles = (/** @type {string} */ code) => [
  ...(code === "en" ? [] : ["assets/media/*.en.vtt", "assets/media/*.chapters.vtt"]),
  ...languages.filter((other) => other !== code).flatMap((other) => [`assets/media/*.${other}.vtt`, `assets/javascripts/${other}.js`]),
];
const workers = [{
  lang: "en",
  dest: "sw.js",
  options: { ...precache, globIgnores: [...precache.globIgnores, ...otherLanguagesFiles("en"), ...languages.map((code) => `${code}/**`)] },
}];
for (const code of languages) {
  workers.push({
    lang: code,
    dest: `${code}/sw.js`,
    options: {
      ...precache,
      // Its own pages, search index and sitemap; the shared files at the root (one folder up from the
      // worker, so their addresses get "../"); its share cards stay out, as the root's do.
      // Its search worker is its own copy (postbuild.py): a worker is served by the service worker
      // whose scope holds its address.
      globPatterns: [`${code}/**/*.{html,json,xml,svg,png,jpg,jpeg,webp,ico,vtt}`, `${code}/assets/javascripts/workers/*.js`,
        "manifest.webmanifest", ...precache.globPatterns.map((pattern) => `assets/${pattern}`)],
      globIgnores: [...precache.globIgnores, ...otherLanguagesFiles(code), `${code}/sw.js`, `${code}/assets/social/**`,
        "assets/javascripts/workers/**", // the root's search worker: its own is in its folder
        ...languages.filter((other) => other !== code).map((other) => `${other}/**`)],
      // Material's search worker loads this language's stemmer from beside it, in the language's folder
      // (mkdocs.<lang>.yml: search lang; Zensical's search has none of these files). Added as they are
      // (not transformed): addressed from the worker, in the same folder.
      additionalManifestEntries: await Promise.all(
        ["lunr.stemmer.support.min.js", `lunr.${code}.min.js`]
          .map((file) => `assets/javascripts/lunr/min/${file}`)
          .filter((path) => existsSync(join(site, code, path)))
          .map(async (path) => ({ url: path, revision: await revision(`${code}/${path}`) })),
      ),
      manifestTransforms: [
        async (entries) => ({
          manifest: entries.map((entry) => ({
            ...entry,
            url: entry.url.startsWith(`${code}/`) ? entry.url.slice(code.length + 1) : `../${entry.url}`,
          })),
          warnings: [],
        }),
      ],
    },
  });
}

for (const { lang, dest, options } of workers) {
  const { count, size, warnings } = await injectManifest({ ...options, swSrc: bundled, swDest: join(site, dest) });
  for (const warning of warnings) console.warn(`build-sw: ${warning}`);
  // What a first visit downloads in the background, roughly as sent (gzip): the list as injected.
  const urls = [...(await readFile(join(site, dest), "utf8")).matchAll(/"url":"([^"]+)"/g)].map((m) => m[1]);
  let gzipped = 0;
  for (const url of urls) gzipped += gzipSync(await readFile(join(site, dirname(dest), url))).length;
  console.log(`build-sw: ${join(site, dest)}${cached ? " (worker bundle cached)" : ""} precaches ${count} files, ${size} bytes (${gzipped} gzipped)`);
  const suffix = lang === "en" ? "" : `-${lang}`;
  console.log(`precache-entries${suffix}=${count} precache-bytes${suffix}=${size} precache-gzip-bytes${suffix}=${gzipped}`);
}
