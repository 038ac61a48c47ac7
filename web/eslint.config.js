// ESLint for the workbench (run by `npm run lint`, and by `make lint-web` from the top of the tree).
// typescript-eslint's recommended type-aware rules plus the hooks rules: Preact's hooks follow React's
// rules (call order, effect dependencies), so eslint-plugin-react-hooks applies as is.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

const API_PATH_MESSAGE =
  "Call the API through src/api/generated/operations.ts (generated from docs/openapi.yaml by `npm run gen:api`), not by path.";

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
    // Pages and components reach the API only through the functions generated from docs/openapi.yaml
    // (src/api/generated/operations.ts, `npm run gen:api`): no API path written by hand outside
    // src/api/, and no raw request() call that tsc could not check against the spec.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/api/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: ":not(ImportDeclaration, ExportNamedDeclaration, ExportAllDeclaration, ImportExpression) > Literal[value=/\\/api\\//]", message: API_PATH_MESSAGE },
        { selector: "TemplateElement[value.raw=/\\/api\\//]", message: API_PATH_MESSAGE },
      ],
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/api/client"], importNames: ["request"], message: API_PATH_MESSAGE }] },
      ],
    },
  },
  {
    // Node scripts and tests: plain JavaScript, not part of the TypeScript project.
    files: ["**/*.{js,mjs}", "test/**", "vite.config.ts"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly" } },
  },
);
