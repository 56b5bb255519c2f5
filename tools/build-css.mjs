// Bundles and minifies the site's stylesheets after any engine's build: each
// entry in SITE_DIR/assets/stylesheets/ imports one source per component
// (components/*.css); this writes each entry as one minified file and
// removes the sources from the built site. site.css is on every page;
// views.css (the full-screen views), my-log.css (the log) and reminder.css
// (the reminder form) load with their code (lib/page.js stylesheet()).
// It also drops from the theme's palette stylesheet the colours no page
// uses (every named primary and accent colour, about 60% of it gzipped):
// what the pages' palette toggles set is read from the built pages.
// Usage: node tools/build-css.mjs SITE_DIR
import { readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bundle, transform } from "lightningcss";

const site = process.argv[2];
if (!site) {
  console.error("usage: node tools/build-css.mjs SITE_DIR");
  process.exit(2);
}
const dir = join(site, "assets", "stylesheets");
for (const name of ["site.css", "views.css", "my-log.css", "reminder.css"]) {
  const entry = join(dir, name);
  const { code, warnings } = bundle({ filename: entry, minify: true });
  for (const warning of warnings) console.warn(`build-css: ${warning.message} (${warning.loc.filename}:${warning.loc.line})`);
  await writeFile(entry, code);
  console.log(`build-css: ${entry}, ${code.length} bytes`);
}
await rm(join(dir, "components"), { recursive: true, force: true });

// The palette colours the pages can show: the values of data-md-color-primary
// and -accent in any page (the toggle's inputs and the body carry them).
const used = new Set();
for (const entry of await readdir(site, { recursive: true })) {
  if (!entry.endsWith(".html")) continue;
  const html = await readFile(join(site, entry), "utf8");
  // Quoted or not: the post-build minifies the pages first.
  for (const [, value] of html.matchAll(/data-md-color-(?:primary|accent)=["']?([\w-]+)/g)) used.add(value);
}
const unused = (selector) => selector.some((part) => part.type === "attribute"
  && /^data-md-color-(primary|accent)$/.test(part.name) && part.operation && !used.has(part.operation.value));
// Material's palette.<hash>.min.css; Zensical has one per theme variant (classic/, modern/).
const palettes = (await readdir(dir, { recursive: true })).filter((n) => /(^|\/)palette\.[0-9a-f]+\.min\.css$/.test(n));
for (const name of palettes) {
  const path = join(dir, name);
  const before = await readFile(path);
  const trim = (css) => transform({
    filename: path, code: css, minify: true,
    visitor: {
      Rule: {
        style(rule) {
          const kept = rule.value.selectors.filter((selector) => !unused(selector));
          if (kept.length === rule.value.selectors.length) return undefined;
          if (!kept.length) return [];
          rule.value.selectors = kept;
          return rule;
        },
      },
    },
  }).code;
  // Minifying once more merges what the first pass left adjacent; then it is
  // stable, so running the post-build again on its own output changes nothing.
  let code = trim(before);
  for (let last = null; !last || Buffer.compare(code, last) !== 0; ) [last, code] = [code, trim(code)];
  await writeFile(path, code);
  console.log(`build-css: ${path}, ${before.length} -> ${code.length} bytes (colours kept: ${[...used].sort().join(", ")})`);
}
