/** The scratch project of test/package/pack.test.ts: one file per way of using the installed package. */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** @types/node of this checkout, for the NodeNext project (installing it there would need the registry). */
const TYPE_ROOTS = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "node_modules", "@types");

const xor = `
  bp.setSeed(42);
  const x = bp.tensor([[0, 0], [0, 1], [1, 0], [1, 1]]);
  const y = bp.tensor([[0], [1], [1], [0]]);
  const model = bp.sequential([
    bp.layers.dense({ units: 8, activation: "tanh", inputShape: [2] }),
    bp.layers.dense({ units: 1, activation: "sigmoid" }),
  ]);
  model.compile({ optimizer: bp.optimizers.adam({ learningRate: 0.05 }), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  await model.fit(x, y, { epochs: 300, batchSize: 4, verbose: 0 });
  const accuracy = model.evaluate(x, y).accuracy;
  const sum = bp.tensor([1, 2, 3]).add(1).toArray();
  const backend = bp.getBackend();
`;

const tsMain = `import * as bp from "backprop";

const t: bp.Tensor = bp.tensor([[1, 2], [3, 4]]);
const model = bp.sequential([bp.layers.dense({ units: 2, activation: "softmax", inputShape: [2] })]);
model.compile({ optimizer: "adam", loss: "categoricalCrossentropy", metrics: ["accuracy"] });
const out = model.predict(t);
console.log(JSON.stringify({ shape: out.shape, loss: "categoricalCrossentropy" }));
`;

const tsTypos = `import * as bp from "backprop";

const model = bp.sequential([bp.layers.dense({ units: 2, inputShape: [2] })]);
// @ts-expect-error a misspelt loss name is a type error
model.compile({ optimizer: "adam", loss: "categoricalCrossentropi" });
// @ts-expect-error a misspelt optimizer name is a type error
model.compile({ optimizer: "adma", loss: "meanSquaredError" });
// @ts-expect-error a misspelt activation name is a type error
bp.layers.dense({ units: 2, activation: "rleu" });
// @ts-expect-error a misspelt initializer name is a type error
bp.layers.dense({ units: 2, kernelInitializer: "glorotUniformm" });
export {};
`;

const tsconfig = (options: Record<string, unknown>): string =>
  JSON.stringify({
    compilerOptions: { target: "ES2022", lib: ["ES2022", "DOM"], strict: true, noEmit: true, ...options },
    files: ["main.ts", "typos.ts"],
  });

export const SCRATCH_FILES: Record<string, string> = {
  "package.json": JSON.stringify({ name: "scratch", version: "1.0.0", private: true, type: "module" }),
  "esm.mjs": `import * as bp from "backprop";
import { createRequire } from "node:module";

const required = createRequire(import.meta.url)("backprop");
${xor}
bp.setThreads(2);
const product = bp.ones([384, 384]).matmul(bp.ones([384, 384])).dataSync()[0];
console.log(JSON.stringify({ sum, backend, accuracy, sameModule: required.Tensor === bp.Tensor, threads: bp.getThreads(), product }));
`,
  "cjs.cjs": `const bp = require("backprop");

async function main() {
  ${xor}
  let isError = false;
  try {
    bp.matmul(bp.zeros([2, 3]), bp.zeros([4, 5]));
  } catch (e) {
    isError = e instanceof bp.ShapeError;
  }
  console.log(JSON.stringify({ sum, backend, accuracy, isError }));
}
main();
`,
  "nodenext/main.ts": tsMain,
  "nodenext/typos.ts": tsTypos,
  // a Node project: Node's types, and the package's declarations checked too (skipLibCheck off)
  "nodenext/tsconfig.json": tsconfig({ module: "nodenext", moduleResolution: "nodenext", skipLibCheck: false, types: ["node"], typeRoots: [TYPE_ROOTS] }),
  "bundler/main.ts": tsMain,
  "bundler/typos.ts": tsTypos,
  // a browser app as bundler templates set it up: no Node types, skipLibCheck on
  "bundler/tsconfig.json": tsconfig({ module: "preserve", moduleResolution: "bundler", skipLibCheck: true, types: [] }),
};
