// ESLint flat config: the recommended JavaScript and TypeScript rules over src/ and test/.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["test/**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { require: "readonly", process: "readonly", fetch: "readonly", console: "readonly" } },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
