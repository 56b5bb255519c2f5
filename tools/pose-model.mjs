// Copies the coach's pose model and its runtime from the pinned npm package
// into SITE_DIR/assets/coach/, with a manifest the coach reads
// (pose-model.json: version, runtime, model). What to copy is declared once,
// in package.json "poseModel"; the version is that package's pin.
// Usage: node tools/pose-model.mjs SITE_DIR
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";

const site = process.argv[2];
if (!site) {
  console.error("usage: node tools/pose-model.mjs SITE_DIR");
  process.exit(2);
}
const root = new URL("../", import.meta.url);
const { poseModel } = JSON.parse(await readFile(new URL("package.json", root), "utf8"));
const from = new URL(`node_modules/${poseModel.package}/`, root);
const { version } = JSON.parse(await readFile(new URL("package.json", from), "utf8"));
const to = join(site, "assets", "coach");
await mkdir(to, { recursive: true });
for (const file of poseModel.files) await copyFile(new URL(file, from), join(to, basename(file)));
const manifest = { package: poseModel.package, version, runtime: basename(poseModel.runtime), model: basename(poseModel.model) };
await writeFile(join(to, "pose-model.json"), JSON.stringify(manifest) + "\n");
console.log(`pose-model: ${poseModel.package} ${version} -> ${to}`);
