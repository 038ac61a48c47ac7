// ESLint for the workbench (run by `npm run lint`, and by `make lint-web` from the top of the tree).
// typescript-eslint's recommended type-aware rules plus the hooks rules: Preact's hooks follow React's
// rules (call order, effect dependencies), so eslint-plugin-react-hooks applies as is.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { "react-hooks": reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
    linterOptions: { reportUnusedDisableDirectives: "error" },
  },
  {
    // Node scripts and tests: plain JavaScript, not part of the TypeScript project.
    files: ["**/*.{js,mjs}", "test/**", "vite.config.ts"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
