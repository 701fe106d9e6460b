/**
 * The fused epilogue of matmul and conv2d (Epilogue in backend/kernel-attrs.ts): c += bias along
 * rows, then relu — each value stored and re-read exactly as the separate add and relu kernels would,
 * so fused and unfused results agree bit for bit. conv.ts applies it to each output row while the row
 * is still in cache; matmul runs it as its own job right after the product.
 */
import { shareStart } from "./simd";

/** `rows` rows of `n` floats, `ld` floats apart, at c: += bias[0..n) when bias ≠ 0, then relu when relu ≠ 0. */
// @ts-ignore: decorator
@inline export function epilogueRows(c: usize, ld: i32, rows: i32, n: i32, bias: usize, relu: i32): void {
  const zero = f32x4.splat(0);
  for (let r = 0; r < rows; r++) {
    const row = c + <usize>(r * ld) * 4;
    let j = 0;
    for (; j + 4 <= n; j += 4) {
      const p = row + <usize>j * 4;
      let v = v128.load(p);
      if (bias) v = f32x4.add(v, v128.load(bias + <usize>j * 4));
      if (relu) v = v128.andnot(v, f32x4.le(v, zero));
      v128.store(p, v);
    }
    for (; j < n; j++) {
      const p = row + <usize>j * 4;
      let v = load<f32>(p);
      if (bias) v += load<f32>(bias + <usize>j * 4);
      if (relu && v <= 0) v = 0;
      store<f32>(p, v);
    }
  }
}

/** This share's rows of a [rows, n] row-major matrix at c, through the epilogue (see epilogueRows). */
export function epilogue(share: i32, shares: i32, _scratch: usize, c: usize, rows: i32, n: i32, bias: usize, relu: i32): void {
  const r0 = shareStart(rows, 1, share, shares);
  const r1 = shareStart(rows, 1, share + 1, shares);
  epilogueRows(c + <usize>(r0 * n) * 4, n, r1 - r0, n, bias, relu);
}
