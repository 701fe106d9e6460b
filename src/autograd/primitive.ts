/**
 * primitive(): a primitive is defined once — its shape rule, its forward dispatch to the active
 * backend's kernel, and its vector-Jacobian product written with ops — in
 * src/autograd/primitives/<name>.ts. Everything public is composed from these.
 *
 *   export const exp = primitive({
 *     name: "exp",
 *     output: ([x]) => unaryFloat("exp", x),
 *     vjp: (g, _inputs, out) => [g.mul(out)],
 *   });
 */
import type { Backend, Storage } from "../backend/backend.js";
import type { DType } from "../backend/dtype.js";
import type { KernelAttrs, KernelName } from "../backend/kernel-attrs.js";
import { backend, storageBackend } from "../tensor/engine.js";
import { makeTensor, Tensor } from "../tensor/tensor.js";
import { isRecording } from "./tape.js";

export interface OutputSpec {
  shape: number[];
  dtype: DType;
}

type Vjp<A> = (g: Tensor, inputs: readonly Tensor[], out: Tensor, attrs: A) => (Tensor | null)[];

export interface PrimitiveSpec<P extends KernelName> {
  name: P;
  /** Validates the inputs and attributes and returns the output's shape and dtype. */
  output: (inputs: readonly Tensor[], attrs: KernelAttrs[P]) => OutputSpec;
  /** Gradients of the inputs given the output's gradient, written with ops; omit if not differentiable. */
  vjp?: Vjp<KernelAttrs[P]>;
}

export type Primitive<P extends KernelName> = (inputs: readonly Tensor[], attrs: KernelAttrs[P]) => Tensor;

/** Brings a tensor onto the active backend (a copy only when the backend was switched since it was made). */
function onBackend(t: Tensor, be: Backend): Tensor {
  const s = t.storage;
  const from = storageBackend(s);
  if (from === be) return t;
  return makeTensor(t.shape, t.dtype, from.read(s));
}

/** Attaches the autodiff record to `out` when gradients are being taken through `inputs`. */
export function record<A>(name: string, out: Tensor, inputs: readonly Tensor[], attrs: A, vjp: Vjp<A> | undefined): Tensor {
  if (!vjp || !isRecording() || !inputs.some((t) => t.requiresGrad)) return out;
  out.requiresGrad = true;
  out.node = { name, inputs, vjp: (g, o) => vjp(g, inputs, o, attrs) };
  return out;
}

/** Defines a kernel-backed primitive. */
export function primitive<P extends KernelName>(spec: PrimitiveSpec<P>): Primitive<P> {
  const run = (rawInputs: readonly Tensor[], attrs: KernelAttrs[P]): Tensor => {
    const be = backend();
    const { shape, dtype } = spec.output(rawInputs, attrs);
    const inputs = rawInputs.map((t) => onBackend(t, be));
    const out = makeTensor(shape, dtype, undefined, undefined, spec.name);
    if (out.size > 0) {
      const kernel = be.kernels[spec.name] as (
        ins: readonly { storage: Storage; shape: readonly number[]; dtype: DType; size: number }[],
        o: { storage: Storage; shape: readonly number[]; dtype: DType; size: number },
        a: KernelAttrs[P],
      ) => void;
      kernel(inputs, out, attrs);
    }
    for (let i = 0; i < inputs.length; i++) if (inputs[i] !== rawInputs[i]) inputs[i]?.dispose();
    return record(spec.name, out, rawInputs, attrs, spec.vjp);
  };
  Object.defineProperty(run, "name", { value: spec.name });
  return run;
}
