/**
 * Batched matmul on the wasm backend: one packed GEMM per batch entry, with transposed operands
 * expressed as strides (no transpose copy). Threads split C by rows or columns; a product whose C is
 * small but whose inner dimension is long (the filter gradient of a convolution, dW = Xᵀ·G with a
 * small batch) is split over K instead, into per-share partials summed in a fixed order.
 */
import type { KernelAttrs } from "../../kernel-attrs.js";
import type { WasmRuntime } from "../runtime.js";
import { arg, as, broadcastStrides, streamWork, type WasmKernel } from "./common.js";

const SPLIT_M = 0;
const SPLIT_N = 1;
const SPLIT_K = 2;
/** Single-thread GEMM speed used to estimate work, in flop per ns. */
const GFLOPS = 30;

/**
 * How to split C = A·B over threads ([mode, shares]; shares 1 = stay on one thread). Splitting rows
 * repeats the packing of B in every share and splitting columns that of A, so the larger of m and n
 * is split; a product with small C and a long K is split over K instead. Large splits use up to four
 * shares per thread, claimed as the threads go, so a slower core takes fewer. `eager` (tests) splits
 * whatever the shape.
 */
function chooseSplit(m: number, n: number, k: number, threads: number, eager: boolean): [number, number] {
  if (eager) return [k > 4 * Math.max(m, n) ? SPLIT_K : m >= n ? SPLIT_M : SPLIT_N, threads];
  const fine = (d: number): number => threads * Math.max(1, Math.min(4, Math.floor(d / (threads * 64))));
  if (n >= m && n / threads >= 16) return [SPLIT_N, fine(n)];
  if (m / threads >= 16) return [SPLIT_M, fine(m)];
  if (n / threads >= 16) return [SPLIT_N, fine(n)];
  if (k >= 256 * threads) return [SPLIT_K, threads];
  return [SPLIT_M, 1];
}

export interface GemmCall {
  m: number;
  n: number;
  k: number;
  a: number;
  rsA: number;
  csA: number;
  b: number;
  rsB: number;
  csB: number;
  c: number;
}

/** C[m,n] = op(A)·op(B) (addresses in bytes, strides in elements, C row-major), threaded when large. */
export function gemm(rt: WasmRuntime, g: GemmCall): void {
  const { m, n, k } = g;
  if (m === 0 || n === 0) return;
  const work = (2 * m * n * k) / GFLOPS;
  const threads = rt.getThreads();
  const base = [m, n, k, g.a, g.rsA, g.csA, g.b, g.rsB, g.csB];
  const [split, shares] = rt.mayShare(work) ? chooseSplit(m, n, k, threads, rt.parallelNs === 0) : [SPLIT_M, 1];
  if (split === SPLIT_K && rt.mayShare(work, true)) {
    const parts = rt.temp(shares * m * n * 4, "split-K partial products");
    rt.runShares("gemm", work, shares, shares, ...base, parts, n, SPLIT_K);
    rt.run("gemmReduce", streamWork(m * n * shares * 4), parts, shares, m * n, g.c);
    return;
  }
  // a split of rows or columns gives the same bits as one share, which the policy may prefer
  if (split !== SPLIT_K && shares > 1) rt.runShares("gemm", work, shares, 1, ...base, g.c, n, split);
  else rt.runShares("gemm", work, 1, 1, ...base, g.c, n, SPLIT_M);
}

export function matmul(rt: WasmRuntime, viaJs: WasmKernel<KernelAttrs["matmul"]>): WasmKernel<KernelAttrs["matmul"]> {
  return (inputs, out, attrs) => {
    if (out.dtype === "int32") return viaJs(inputs, out, attrs);
    const { transposeA, transposeB } = attrs;
    const a = arg(inputs, 0);
    const b = arg(inputs, 1);
    const pa = as(rt, a, "float32");
    const pb = as(rt, b, "float32");
    const ra = a.shape.length;
    const m = out.shape[out.shape.length - 2] as number;
    const n = out.shape[out.shape.length - 1] as number;
    const k = transposeA ? (a.shape[ra - 2] as number) : (a.shape[ra - 1] as number);
    const batchShape = out.shape.slice(0, -2);
    const batch = batchShape.reduce((x, y) => x * y, 1);
    const sa = broadcastStrides(a.shape.slice(0, -2), batchShape);
    const sb = broadcastStrides(b.shape.slice(0, -2), batchShape);
    const matA = m * k;
    const matB = k * n;
    const counter = new Array<number>(batchShape.length).fill(0);
    for (let t = 0; t < batch; t++) {
      let offA = 0;
      let offB = 0;
      for (let ax = 0; ax < batchShape.length; ax++) {
        offA += (counter[ax] as number) * (sa[ax] as number);
        offB += (counter[ax] as number) * (sb[ax] as number);
      }
      gemm(rt, {
        m, n, k,
        a: pa + offA * matA * 4, rsA: transposeA ? 1 : k, csA: transposeA ? m : 1,
        b: pb + offB * matB * 4, rsB: transposeB ? 1 : n, csB: transposeB ? k : 1,
        c: out.storage.ptr + t * m * n * 4,
      });
      for (let ax = batchShape.length - 1; ax >= 0; ax--) {
        const c = (counter[ax] as number) + 1;
        if (c < (batchShape[ax] as number)) {
          counter[ax] = c;
          break;
        }
        counter[ax] = 0;
      }
    }
    // the fused epilogue, while C is still in cache: bias along rows, then relu
    const bias = inputs[2] ? as(rt, inputs[2], "float32") : 0;
    if (bias || attrs.activation === "relu") {
      rt.run("epilogue", streamWork(out.size * 8), out.storage.ptr, batch * m, n, bias, attrs.activation === "relu" ? 1 : 0);
    }
  };
}
