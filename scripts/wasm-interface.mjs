/**
 * Generates what TypeScript and AssemblyScript must agree on from one source each, so that nothing
 * is kept in sync by hand:
 * - from the kernel files in src/backend/wasm/assembly: the module's export list (assembly/index.ts),
 *   the TypeScript view of those exports and which of them split across threads (a function whose
 *   first parameters are `share, shares, scratch`), and the op-code tables (constants `U_`, `B_`,
 *   `C_`, `R_` named after their kernels);
 * - from the files in src/autograd/primitives: the primitive set (primitives/registry.generated.ts).
 * Used by build-wasm.mjs, which writes these files (or, with --check, fails when one is stale).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/** Assembly files of shared inline helpers, not kernels: nothing of theirs is exported from the module. */
const HELPER_FILES = new Set(["simd.ts", "gemm-zeros.ts", "index.ts"]);
/**
 * Assembly files of the engine, not kernels (jobs split across threads, the replay of noted calls):
 * JavaScript calls their exports directly, and no noted kernel call replays one through runPlain.
 */
const ENGINE_FILES = new Set(["jobs.ts", "notes.ts"]);
/** Op-code constant prefixes and the table each fills. */
const OP_TABLES = {
  U_: "UNARY_OPS",
  B_: "ARITH_OPS",
  C_: "COMPARE_OPS",
  R_: "REDUCE_OPS",
  NOTE_: "NOTE_RECORDS",
  MODE_: "NOTE_MODES",
  CTRL_: "CONTROL_WORDS",
};

const camel = (snake) => snake.toLowerCase().replace(/_([a-z0-9])/g, (_m, c) => c.toUpperCase());

/** Exported, non-inline functions of one assembly file: name, parameter [name, type] pairs, result type. */
function functionsOf(text) {
  const out = [];
  const re = /(@inline\s+)?export function (\w+)\(([^)]*)\)\s*:\s*(\w+)/g;
  for (const m of text.matchAll(re)) {
    if (m[1]) continue;
    const params = m[3]
      .split(",")
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => p.split(":").map((s) => s.trim()));
    out.push({ name: m[2], params, result: m[4] });
  }
  return out;
}

function kernelFiles(sourceDir) {
  return readdirSync(sourceDir)
    .filter((f) => f.endsWith(".ts") && !HELPER_FILES.has(f))
    .sort()
    .map((f) => ({ file: f, text: readFileSync(join(sourceDir, f), "utf8") }));
}

const isShare = (fn) =>
  fn.params.length >= 3 &&
  fn.params[0][0] === "share" &&
  fn.params[1][0] === "shares" &&
  /scratch$/.test(fn.params[2][0]);

/** An argument of type `type` read from the float64 slot `i` of the arguments at `args`, as JS would pass it. */
function argumentOf(type, i) {
  const slot = `load<f64>(args, ${i * 8})`;
  if (type === "f32") return `<f32>${slot}`;
  if (type === "f64") return slot;
  // integers as a JS number passed to an i32 parameter (ToInt32: truncated, taken modulo 2^32)
  const word = `<i32><i64>${slot}`;
  if (type === "bool") return `${word} != 0`;
  if (type === "i32") return word;
  if (type === "u32" || type === "usize") return `<${type}>${word}`;
  throw new Error(`share function parameter of type ${type}: add its conversion to scripts/wasm-interface.mjs`);
}

/** runShare: one entry for every share function, its arguments read from memory (the threads' one call site). */
function shareDispatcher(files) {
  const fns = files.flatMap(({ text }) => functionsOf(text)).filter(isShare);
  const cases = fns.map((f, index) => {
    const rest = f.params.slice(3).map(([, type], i) => argumentOf(type, i));
    return `    case ${index}:
      ${f.name}(share, shares, scratch${rest.map((a) => `, ${a}`).join("")});
      return;`;
  });
  return `/**
 * Runs share \`share\` of \`shares\` of share function \`index\` (its place in SHARE_FNS), reading the
 * function's arguments after the first three from \`args\`: one float64 each, converted as a JS
 * number passed to the parameter would be. The threads call every kernel through this one export,
 * so their JavaScript has one call site of one signature, and a noted call keeps its arguments here.
 */
export function runShare(index: i32, share: i32, shares: i32, scratch: usize, args: usize): void {
  switch (index) {
${cases.join("\n")}
  }
}`;
}

/** Whether export `fn` of assembly file `file` is a plain kernel: it returns nothing and does not run as shares. */
const isPlain = (file, fn) => !isShare(fn) && fn.result === "void" && !ENGINE_FILES.has(file);

/** The plain kernel exports (runPlain's indices, in file order). */
const plainFns = (files) => files.flatMap(({ file, text }) => functionsOf(text).filter((f) => isPlain(file, f)));

/** runPlain: one entry for every plain kernel export, its arguments read from memory (a noted call's replay). */
function plainDispatcher(files) {
  const cases = plainFns(files).map((f, index) => {
    const all = f.params.map(([, type], i) => argumentOf(type, i));
    return `    case ${index}:\n      ${f.name}(${all.join(", ")});\n      return;`;
  });
  return `/**
 * Calls plain kernel export \`index\` (its place in PLAIN_FNS) with its arguments read from \`args\`,
 * as runShare does: what a noted call's replay runs in the module without returning to JavaScript.
 */
export function runPlain(index: i32, args: usize): void {
  switch (index) {
${cases.join("\n")}
  }
}`;
}

/** assembly/index.ts: re-exports every kernel function and adds the share and plain dispatchers. */
function assemblyIndex(files) {
  const named = files
    .map(({ file, text }) => [file, functionsOf(text)])
    .filter(([, fns]) => fns.length > 0);
  const lines = named.map(
    ([file, fns]) => `export { ${fns.map((f) => f.name).join(", ")} } from "./${file.replace(/\.ts$/, "")}";`,
  );
  const imports = named
    .map(([file, fns]) => [file, fns.filter((f) => isShare(f) || isPlain(file, f)).map((f) => f.name)])
    .filter(([, names]) => names.length > 0)
    .map(([file, names]) => `import { ${names.join(", ")} } from "./${file.replace(/\.ts$/, "")}";`);
  return `// Generated by scripts/build-wasm.mjs from the kernel files beside it. Do not edit.
/**
 * The kernels of the wasm backend, compiled by AssemblyScript into one module that imports its
 * memory. Kernels never allocate: every buffer, including per-thread scratch, is passed in by the JS
 * side, which owns the allocator. Functions whose first parameters are (share, shares, scratch) can
 * be split across threads: each share computes a disjoint part of the output.
 */
${lines.join("\n")}
${imports.join("\n")}

/** First byte after the module's static data: the JS allocator starts above it. */
export function heapBase(): usize {
  return __heap_base;
}

${shareDispatcher(files)}

${plainDispatcher(files)}
`;
}

/** wasm/exports.generated.ts: the share-function list, the other exports' types and the op codes. */
function exportsTs(files) {
  const fns = files.flatMap(({ text }) => functionsOf(text));
  const share = fns.filter(isShare).map((f) => f.name);
  const dispatcher = {
    name: "runShare",
    params: [["index", "i32"], ["share", "i32"], ["shares", "i32"], ["scratch", "usize"], ["args", "usize"]],
    result: "void",
  };
  const plainDispatch = { name: "runPlain", params: [["index", "i32"], ["args", "usize"]], result: "void" };
  const plain = [
    { name: "heapBase", params: [], result: "usize" },
    dispatcher,
    plainDispatch,
    ...fns.filter((f) => !isShare(f)),
  ];
  const sig = (f) =>
    `  ${f.name}(${f.params.map(([n]) => `${n.replace(/^_/, "")}: number`).join(", ")}): ${f.result === "void" ? "void" : "number"};`;
  const tables = Object.entries(OP_TABLES).map(([prefix, table]) => {
    const entries = files.flatMap(({ text }) =>
      [...text.matchAll(new RegExp(`^export const ${prefix}(\\w+): i32 = (\\d+);`, "gm"))].map(
        (m) => `${camel(m[1])}: ${m[2]}`,
      ),
    );
    return `export const ${table} = { ${entries.join(", ")} } as const;`;
  });
  return `// Generated by scripts/build-wasm.mjs from src/backend/wasm/assembly. Do not edit.
/** The exports that run as shares (first parameters share, shares, scratch), in the order the workers index them. */
export const SHARE_FNS = [
${share.map((n) => `  "${n}",`).join("\n")}
] as const;

/** The other exports that return nothing, in the order runPlain indexes them. */
export const PLAIN_FNS = [
${plainFns(files).map((f) => `  "${f.name}",`).join("\n")}
] as const;

/** The module's other exports. */
export interface PlainExports {
${plain.map(sig).join("\n")}
}

/** Op codes of the unary, arithmetic, comparison and reduction kernels, by kernel name; noted-call records (notes.ts); the thread pool's control block (jobs.ts). */
${tables.join("\n")}
`;
}

/** primitives/registry.generated.ts: every primitive exported by a file in src/autograd/primitives. */
function primitiveRegistry(primDir) {
  const lines = readdirSync(primDir)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".generated.ts") && f !== "index.ts")
    .sort()
    .map((f) => {
      const text = readFileSync(join(primDir, f), "utf8");
      const names = [...text.matchAll(/^export const (\w+)(?:: Primitive<[^>]*>)? = primitive\(/gm)]
        .map((m) => m[1])
        .sort();
      return names.length ? `export { ${names.join(", ")} } from "./${f.replace(/\.ts$/, ".js")}";` : "";
    })
    .filter(Boolean);
  return `// Generated by scripts/build-wasm.mjs from the files beside it. Do not edit.
${lines.join("\n")}
`;
}

/** Every generated file (path relative to the repository root → contents). */
export function generatedSources(root) {
  const sourceDir = join(root, "src/backend/wasm/assembly");
  const files = kernelFiles(sourceDir);
  return {
    "src/backend/wasm/assembly/index.ts": assemblyIndex(files),
    "src/backend/wasm/exports.generated.ts": exportsTs(files),
    "src/autograd/primitives/registry.generated.ts": primitiveRegistry(join(root, "src/autograd/primitives")),
  };
}
