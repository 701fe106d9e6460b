import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "docs/api/", "node_modules/", "src/backend/wasm/assembly/", "src/backend/wasm/build/", "runs/", "coverage/", "**/*.generated.ts", "playground/dist/", "test/playground/artifacts/", "test/.doc-examples-tmp/", "test/.readme-tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-constant-condition": ["error", { checkLoops: false }],
    },
  },
  {
    // In the modules that handle data sets, files and reports, no call spreads an array at all.
    files: ["src/cli/**/*.ts", "src/data/**/*.ts", "src/metrics/**/*.ts", "src/model/**/*.ts", "src/report/**/*.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "CallExpression > SpreadElement", message: "No spread into a call here: an array of data (pixels, labels, rows, chart elements) overflows the stack past ~120,000 arguments; pass the array itself or loop." },
        { selector: "NewExpression > SpreadElement", message: "No spread into a constructor here: pass the array itself." },
      ],
    },
  },
  {
    // A spread passes every element as an argument: V8 runs out of stack at ~120,000, so a spread of
    // pixels, labels, rows or a confusion matrix crashes on real data. Loop (or reduce) instead.
    files: ["src/**/*.ts"],
    ignores: ["src/cli/**", "src/data/**", "src/metrics/**", "src/model/**", "src/report/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='Math'] > SpreadElement",
          message: "No spread into Math.max/min/...: it overflows the stack on data-sized arrays; use a loop (see src/data/labels.ts numClassesOf).",
        },
        {
          selector: "CallExpression[callee.property.name=/^(push|unshift|splice|fromCharCode|fromCodePoint|apply|concat)$/] > SpreadElement",
          message: "No spread into push/unshift/splice/fromCharCode/concat: it overflows the stack on data-sized arrays; use a loop or Array.prototype.concat with the array itself.",
        },
      ],
    },
  },
);
