/**
 * The wasm backend: tensors live in WebAssembly linear memory and kernels are SIMD code compiled
 * from src/backend/wasm/assembly (AssemblyScript), split across worker threads when large. It is the
 * default wherever WebAssembly SIMD is available; `bp.setThreads(n)` sets its thread count (default:
 * the number of cores).
 *
 *   bp.setBackend("wasm");
 *   bp.setThreads(2);
 */
import type { Backend, Kernel, KernelTable } from "../backend.js";
import type { DType } from "../dtype.js";
import type { KernelAttrs, KernelName } from "../kernel-attrs.js";
import { createJsBackend } from "../js/index.js";
import { ValueError } from "../../errors.js";
import type { Build } from "./loader.js";
import { coreCount } from "./platform.js";
import { WasmRuntime } from "./runtime.js";
import type { WasmStorage } from "./kernels/common.js";
import { arith, cast, compare, reluGrad, unaryKernels, where } from "./kernels/elementwise.js";
import { conv2d, conv2dBackpropFilter, conv2dBackpropInput, pool } from "./kernels/image.js";
import { matmul } from "./kernels/matmul.js";
import { updateRules } from "./kernels/optim.js";
import { RULE_SPECS } from "../../optim/rules/index.js";
import { broadcastTo, concat, gather, pad, scatterAdd, slice, transpose } from "./kernels/movement.js";
import { argmax, argmin, logSoftmax, max, min, softmaxCrossEntropy, softmaxCrossEntropyGrad, sum } from "./kernels/reduce.js";
import { viaJs } from "./kernels/via-js.js";

export type { WasmStorage } from "./kernels/common.js";

function kernelTable(rt: WasmRuntime): KernelTable<WasmStorage> {
  const js = createJsBackend().kernels;
  const raw: KernelTable<WasmStorage> = {
    ...unaryKernels(rt), reluGrad: reluGrad(rt),
    cast: cast(rt),
    add: arith(rt, "add"), sub: arith(rt, "sub"), mul: arith(rt, "mul"), div: arith(rt, "div"), pow: arith(rt, "pow"),
    maximum: arith(rt, "maximum"), minimum: arith(rt, "minimum"),
    equal: compare(rt, "equal"), notEqual: compare(rt, "notEqual"), greater: compare(rt, "greater"),
    greaterEqual: compare(rt, "greaterEqual"), less: compare(rt, "less"), lessEqual: compare(rt, "lessEqual"),
    where: where(rt),
    sum: sum(rt), max: max(rt), min: min(rt), argmax: argmax(rt), argmin: argmin(rt), logSoftmax: logSoftmax(rt),
    softmaxCrossEntropy: softmaxCrossEntropy(rt), softmaxCrossEntropyGrad: softmaxCrossEntropyGrad(rt),
    transpose: transpose(rt), broadcastTo: broadcastTo(rt), slice: slice(rt), pad: pad(rt), concat: concat(rt),
    gather: gather(rt), scatterAdd: scatterAdd(rt),
    matmul: matmul(rt, viaJs(rt, js.matmul)),
    conv2d: conv2d(rt, viaJs(rt, js.conv2d)),
    conv2dBackpropInput: conv2dBackpropInput(rt, viaJs(rt, js.conv2dBackpropInput)),
    conv2dBackpropFilter: conv2dBackpropFilter(rt, viaJs(rt, js.conv2dBackpropFilter)),
    maxPool2d: pool(rt, "maxPool2d", viaJs(rt, js.maxPool2d)),
    maxPool2dGrad: pool(rt, "maxPool2dGrad", viaJs(rt, js.maxPool2dGrad)),
    maxPool2dSelect: pool(rt, "maxPool2dSelect", viaJs(rt, js.maxPool2dSelect)),
    avgPool2d: pool(rt, "avgPool2d", viaJs(rt, js.avgPool2d)),
    avgPool2dGrad: pool(rt, "avgPool2dGrad", viaJs(rt, js.avgPool2dGrad)),
  };
  // float64 goes to the js kernels; every kernel releases its temporaries and parameter words when it ends
  const table: KernelTable<WasmStorage> = { ...raw };
  // the same object seen by name only: each slot is replaced by a kernel of that name's own attributes
  const slots: Record<KernelName, Kernel<WasmStorage, never>> = table;
  const wrap = <P extends KernelName>(name: P): void => {
    const k: Kernel<WasmStorage, KernelAttrs[P]> = raw[name];
    const f64 = viaJs(rt, js[name]);
    const wrapped: Kernel<WasmStorage, KernelAttrs[P]> = (i, o, a) => {
      if (o.dtype === "float64" || anyFloat64(i)) return f64(i, o, a);
      try {
        k(i, o, a);
      } finally {
        rt.endKernel();
      }
    };
    slots[name] = wrapped;
  };
  for (const name of Object.keys(raw) as KernelName[]) wrap(name);
  return table;
}

/** Whether any input is float64 (a loop, not a closure: this runs for every kernel call). */
function anyFloat64(inputs: readonly { readonly dtype: string }[]): boolean {
  for (let k = 0; k < inputs.length; k++) if (inputs[k]!.dtype === "float64") return true;
  return false;
}

/** The wasm backend object, with its runtime exposed for threads and tests. */
export interface WasmBackend extends Backend<WasmStorage> {
  readonly runtime: WasmRuntime;
  /** "relaxed" (fused multiply-add) or "plain" SIMD128. */
  readonly build: Build;
}

let desiredThreads: number | undefined;
const instances = new Set<WasmRuntime>();

export interface WasmBackendOptions {
  /** Force one build (the parity tests run both); default: the fastest this runtime validates. */
  build?: Build;
  threads?: number;
  /** false: use unshared memory (one thread), as in a browser page without cross-origin isolation. */
  shareMemory?: boolean;
  /** Estimated single-thread ns below which kernels are never split (above it, measured costs decide); tests pass 0: always split. */
  parallelThreshold?: number;
  /** The most bytes of WebAssembly memory the backend may grow to (default 4 GiB), e.g. to share a page with other code. */
  memoryLimit?: number;
}

/** Creates a wasm backend; throws when WebAssembly SIMD is unavailable (the engine then falls back). */
export function createWasmBackend(options: WasmBackendOptions = {}): WasmBackend {
  if (options.memoryLimit !== undefined && !(options.memoryLimit > 0)) {
    throw new ValueError(`createWasmBackend: memoryLimit must be a positive number of bytes, got ${String(options.memoryLimit)}`);
  }
  const rt = new WasmRuntime(options.build, options.shareMemory ?? true, options.memoryLimit);
  rt.setThreads(options.threads ?? desiredThreads ?? coreCount());
  if (options.parallelThreshold !== undefined) rt.parallelNs = options.parallelThreshold;
  instances.add(rt);
  let bytes = 0;
  const width = (dtype: DType): number => (dtype === "float64" ? 8 : 4);
  const view = (s: WasmStorage): Float32Array<ArrayBufferLike> | Int32Array<ArrayBufferLike> | Float64Array =>
    s.f64 ?? (s.dtype === "int32" ? rt.heap.i32() : rt.heap.f32());
  return {
    name: "wasm",
    dtypes: ["float32", "int32", "float64"],
    runtime: rt,
    build: rt.build,
    alloc(dtype, size) {
      let s: WasmStorage;
      if (dtype === "float64") s = { dtype, size, refCount: 0, ptr: 0, cap: 0, f64: new Float64Array(size) };
      else if (size === 0) s = { dtype, size, refCount: 0, ptr: 0, cap: 0 };
      else {
        const { ptr, cap } = rt.heap.alloc(size * 4, `${size} ${dtype} elements`);
        s = { dtype, size, refCount: 0, ptr, cap };
      }
      bytes += size * width(dtype); // counted once allocated: a failed request holds nothing
      return s;
    },
    free(s) {
      bytes -= s.size * width(s.dtype);
      if (s.cap > 0) rt.heap.free(s.ptr, s.cap);
    },
    write(s, data) {
      if (s.size > 0) view(s).set(data as ArrayLike<number>, s.ptr >>> 2);
    },
    fill(s, value) {
      if (s.f64) s.f64.fill(value);
      else if (s.size > 0) view(s).fill(value, s.ptr >>> 2, (s.ptr >>> 2) + s.size);
    },
    read(s) {
      if (s.f64) return s.f64.slice();
      if (s.size === 0) return s.dtype === "int32" ? new Int32Array(0) : new Float32Array(0);
      return view(s).slice(s.ptr >>> 2, (s.ptr >>> 2) + s.size) as Float32Array | Int32Array;
    },
    copy(src, dst) {
      if (src.f64 && dst.f64) dst.f64.set(src.f64);
      else if (src.size > 0) rt.heap.u8().copyWithin(dst.ptr, src.ptr, src.ptr + src.size * 4);
    },
    bytesInUse: () => bytes,
    kernels: kernelTable(rt),
    updateRules: updateRules(rt, RULE_SPECS),
    runProgram: (program, run) => rt.runProgram(program, run),
    noteCalls: (call) => rt.noteCalls(call),
  };
}

/**
 * Sets the number of threads the wasm backend's kernels use (default: the number of cores).
 * Without shared memory (a browser page that is not cross-origin isolated) it stays at 1.
 *
 * @example
 * bp.setThreads(2);   // kernels split their work over 2 threads
 * bp.matmul(bp.ones([64, 64]), bp.ones([64, 64])).shape;   // => [64, 64]
 */
export function setThreads(n: number): void {
  if (!Number.isInteger(n) || n < 1 || n > 64) {
    throw new ValueError(`setThreads: expected an integer from 1 to 64, got ${String(n)}`);
  }
  desiredThreads = n;
  for (const rt of instances) rt.setThreads(n);
}

/**
 * The number of threads the wasm backend uses (what setThreads asked for, or the core count; 1 without shared memory).
 *
 * @example
 * bp.setThreads(2);
 * bp.getThreads();   // 2 with the wasm backend (1 where shared memory is unavailable)
 * bp.getThreads() >= 1;   // => true
 */
export function getThreads(): number {
  const first = instances.values().next().value as WasmRuntime | undefined;
  return first ? first.getThreads() : (desiredThreads ?? coreCount());
}
