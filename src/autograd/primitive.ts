/**
 * primitive(): a primitive is defined once — its name, its kernel's attributes, its shape rule, its
 * forward dispatch to the active backend's kernel, and its vector-Jacobian product written with
 * ops — in src/autograd/primitives/<name>.ts. Everything public is composed from these.
 *
 *   declare module "../../backend/kernel-attrs.js" {
 *     interface KernelAttrs { erf: NoAttrs }
 *   }
 *   export const erf = primitive({
 *     name: "erf",
 *     inputs: ["x"],
 *     output: (inputs) => floatUnary("erf", inputs),
 *     vjp: (g, [x]) => [g.mul(x.mul(x).neg().exp().mul(2 / Math.sqrt(Math.PI)))],
 *   });
 *
 * Adding one takes that file, a kernel per backend (an export of src/backend/js/activation.ts or an
 * entry in the js table; an AssemblyScript kernel, e.g. an op code in assembly/unary.ts, and its glue)
 * and a parity row in test/wasm/kernel-cases.ts; `npm run build:wasm` regenerates the primitive
 * registry, the module's export list and types, and the op codes.
 */
import type { Backend } from "../backend/backend.js";
import { ShapeError } from "../errors.js";
import type { DType } from "../backend/dtype.js";
import type { KernelAttrs, KernelName } from "../backend/kernel-attrs.js";
import { backend, storageBackend } from "../tensor/engine.js";
import { recordKernel, recorder } from "../tensor/capture.js";
import { makeTensor, Tensor } from "../tensor/tensor.js";
import { isRecording } from "./tape.js";

export interface OutputSpec {
  shape: number[];
  dtype: DType;
}

type Vjp<A, In extends readonly Tensor[]> = (g: Tensor, inputs: In, out: Tensor, attrs: A) => (Tensor | null)[];

/** The inputs of a primitive that names them: a tuple of tensors, one per name. */
export type Inputs<Names extends readonly string[]> = { readonly [K in keyof Names]: Tensor };

export interface PrimitiveSpec<P extends KernelName, Names extends readonly string[]> {
  name: P;
  /**
   * The inputs' names, when their number is fixed: the shape rule and the vjp then see them as a
   * typed tuple, and a call with another number of inputs is a ShapeError. Omit for a variable number.
   */
  inputs?: Names;
  /** Validates the inputs and attributes and returns the output's shape and dtype. */
  output: (inputs: Inputs<Names>, attrs: KernelAttrs[P]) => OutputSpec;
  /** Gradients of the inputs given the output's gradient, written with ops; omit if not differentiable. */
  vjp?: Vjp<KernelAttrs[P], Inputs<Names>>;
}

export type Primitive<P extends KernelName, In extends readonly Tensor[] = readonly Tensor[]> = (inputs: In, attrs: KernelAttrs[P]) => Tensor;

/** Brings a tensor onto the active backend (a copy only when the backend was switched since it was made). */
function onBackend(t: Tensor, be: Backend): Tensor {
  const s = t.storage;
  const from = storageBackend(s);
  if (from === be) return t;
  return makeTensor(t.shape, t.dtype, from.read(s));
}

/** Attaches the autodiff record to `out` when gradients are being taken through `inputs`. */
export function record<A, In extends readonly Tensor[]>(name: string, out: Tensor, inputs: In, attrs: A, vjp: Vjp<A, In> | undefined): Tensor {
  if (!vjp || !isRecording() || !inputs.some((t) => t.requiresGrad)) return out;
  out.requiresGrad = true;
  out.node = { name, inputs, vjp: (g, o) => vjp(g, inputs, o, attrs) };
  return out;
}

/** Defines a kernel-backed primitive. */
export function primitive<P extends KernelName, const Names extends readonly string[] = readonly string[]>(
  spec: PrimitiveSpec<P, Names>,
): Primitive<P, Inputs<Names>> {
  const arity = spec.inputs;
  const run = (rawInputs: Inputs<Names>, attrs: KernelAttrs[P]): Tensor => {
    if (arity && rawInputs.length !== arity.length) {
      throw new ShapeError(`${spec.name}: expected ${arity.length} inputs (${arity.join(", ")}), got ${rawInputs.length}`);
    }
    const be = backend();
    const { shape, dtype } = spec.output(rawInputs, attrs);
    const inputs = rawInputs.map((t) => onBackend(t, be));
    const out = makeTensor(shape, dtype, undefined, undefined, spec.name);
    if (out.size > 0) {
      const kernel = be.kernels[spec.name];
      if (recorder()) recordKernel(spec.name, kernel, inputs, out, attrs);
      kernel(inputs, out, attrs);
    }
    for (let i = 0; i < inputs.length; i++) if (inputs[i] !== rawInputs[i]) inputs[i]?.dispose();
    return record(spec.name, out, rawInputs, attrs, spec.vjp);
  };
  Object.defineProperty(run, "name", { value: spec.name });
  return run;
}
