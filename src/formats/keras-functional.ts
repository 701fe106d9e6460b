/**
 * Keras 3 Functional models that are a single chain (input → layer → … → output, each layer called once on
 * the previous one's output) read as the Sequential model they are; any other graph is a FormatError.
 */
import { FormatError } from "../errors.js";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** `["name", 0, 0]` or `[["name", 0, 0]]`: the one layer name, or undefined when there are several. */
function single(v: unknown): string | undefined {
  if (!Array.isArray(v)) return undefined;
  if (typeof v[0] === "string") return v[0];
  return v.length === 1 && Array.isArray(v[0]) && typeof v[0][0] === "string" ? v[0][0] : undefined;
}

/** The layer a Keras 3 layer entry is called on, or a FormatError naming it when the call is not a plain chain step. */
function caller(l: Record<string, unknown>, where: string): string {
  const name = String(l.name ?? (isObject(l.config) ? l.config.name : ""));
  const nodes = l.inbound_nodes;
  const node: unknown = Array.isArray(nodes) && nodes.length === 1 ? nodes[0] : undefined;
  const args: unknown = isObject(node) ? node.args : undefined;
  const arg: unknown = Array.isArray(args) && args.length === 1 ? args[0] : undefined;
  const history =
    isObject(arg) && arg.class_name === "__keras_tensor__" && isObject(arg.config)
      ? arg.config.keras_history
      : undefined;
  const kwargs = isObject(node) && isObject(node.kwargs) ? node.kwargs : {};
  const plain = Object.entries(kwargs).every(
    ([k, v]) => (k === "training" || k === "mask") && (v === null || v === false),
  );
  if (
    !Array.isArray(history) ||
    typeof history[0] !== "string" ||
    history[1] !== 0 ||
    history[2] !== 0 ||
    !plain
  ) {
    throw new FormatError(
      `${where}: layer "${name}" of the Functional model is not called once on one layer's output; backprop reads Functional models that are a single chain of layers`,
    );
  }
  return history[0];
}

/** The layer entries of a chain-shaped Functional config, input layer first, in config order (which names the weights). */
export function functionalChain(config: Record<string, unknown>, where: string): unknown[] {
  const layers = Array.isArray(config.layers) ? (config.layers as unknown[]) : [];
  const input = single(config.input_layers);
  const output = single(config.output_layers);
  if (input === undefined || output === undefined)
    throw new FormatError(
      `${where}: the Functional model has several inputs or outputs; backprop reads single-chain models`,
    );
  let previous: string | undefined;
  layers.forEach((l, i) => {
    if (!isObject(l)) throw new FormatError(`${where}: config.json layers must be { class_name, config }`);
    const name = String(l.name ?? (isObject(l.config) ? l.config.name : ""));
    if (i === 0) {
      if (l.class_name !== "InputLayer" || name !== input)
        throw new FormatError(
          `${where}: the Functional model's first layer must be its input "${input}", got "${name}"`,
        );
    } else if (caller(l, where) !== previous) {
      throw new FormatError(
        `${where}: layer "${name}" of the Functional model is called on "${caller(l, where)}", not on the layer before it ("${String(previous)}"); backprop reads single-chain models`,
      );
    }
    previous = name;
  });
  if (previous !== output)
    throw new FormatError(
      `${where}: the Functional model's output is "${output}", not its last layer "${String(previous)}"`,
    );
  return layers;
}
