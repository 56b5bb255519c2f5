// ESLint's recommended rules over every script we write, each file with the
// globals of where it runs. `make lint` runs it through tools/check_js.py,
// which prints each problem as `file:line: problem. How to fix: fix`.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";

export default defineConfig([
  globalIgnores(["site/", "site-*/", ".venv*/", ".hip-cache/", ".cache/", "results/", "tests/artifacts/"]),
  js.configs.recommended,
  {
    // Page scripts: ES modules in the browser, started on Material's document$ (lib/page.js).
    files: ["docs/assets/javascripts/**/*.js"],
    languageOptions: { globals: { ...globals.browser, document$: "readonly" } },
    // A function a newcomer can read at once: a longer one is a component waiting to be split out.
    rules: { "max-lines-per-function": ["error", { max: 120, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ["tools/*.mjs", "tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { globals: globals.node },
  },
  {
    // The service worker; build-sw.mjs's bundler replaces process.env.* with strings.
    files: ["tools/service-worker.js"],
    languageOptions: { globals: { ...globals.serviceworker, process: "readonly" } },
  },
]);
