// ESLint for the JavaScript the package ships (theme/) and injects (generator/a11y/probe.js,
// generator/preview/live.js).
// `make lint` runs it; Node.js is a tool of this repository only, never of an office.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: ["node_modules/", ".venv/", "site/", "generator/a11y/vendor/", "tests/"],
  },
  js.configs.recommended,
  {
    // The theme's scripts: ES modules loaded by the browser as they are.
    files: ["theme/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: globals.browser,
    },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: "error",
    },
  },
  {
    // Put inline into <head> by main.html: a classic script, not a module.
    files: ["theme/components/toolbar/apply-settings.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    // Added to every page `guides serve` serves (generator/preview/): a classic script.
    files: ["generator/preview/live.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: globals.browser,
    },
    rules: {
      "no-var": "error",
      "prefer-const": "error",
      eqeqeq: "error",
    },
  },
  {
    // Prepended to every execute_script call of the suite: a function body whose
    // sgProbe and sgTools the call after it uses.
    files: ["generator/a11y/probe.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: globals.browser,
    },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "module", globals: globals.node },
  },
];
