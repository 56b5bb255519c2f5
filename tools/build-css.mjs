// Bundles and minifies the site's stylesheet after any engine's build:
// SITE_DIR/assets/stylesheets/site.css imports one source per component
// (components/*.css); this writes them into site.css as one minified file and
// removes the sources from the built site. Usage: node tools/build-css.mjs SITE_DIR
import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bundle } from "lightningcss";

const site = process.argv[2];
if (!site) {
  console.error("usage: node tools/build-css.mjs SITE_DIR");
  process.exit(2);
}
const entry = join(site, "assets", "stylesheets", "site.css");
const { code, warnings } = bundle({ filename: entry, minify: true });
for (const warning of warnings) console.warn(`build-css: ${warning.message} (${warning.loc.filename}:${warning.loc.line})`);
await writeFile(entry, code);
await rm(join(site, "assets", "stylesheets", "components"), { recursive: true, force: true });
console.log(`build-css: ${entry}, ${code.length} bytes`);
