/**
 * Where training output goes. `fit`'s progress bar and summaries print through a Writer, so tests
 * (and browser apps) can capture it: `model.fit(x, y, { writer: { write: (s) => out.push(s), isTTY: false } })`.
 *
 * @example
 * let text = "";
 * const writer: bp.Writer = { write: (chunk) => { text += chunk; }, isTTY: false };   // e.g. a log file or a browser element
 * const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [2] })]);
 * model.compile({ optimizer: "sgd", loss: "mse" });
 * await model.fit(bp.ones([4, 2]), bp.ones([4, 1]), { epochs: 1, verbose: 0, callbacks: [new bp.callbacks.ProgressLogger(writer, 2)] });
 * text.includes("Epoch 1/1");   // => true
 */
export interface Writer {
  /** Appends text; lines end with "\n", an in-place update starts with "\r". */
  write(text: string): void;
  /** True when "\r" redraws the current line (a terminal); false degrades to one line per epoch. */
  readonly isTTY: boolean;
}

interface StdoutLike {
  write(s: string): unknown;
  isTTY?: boolean;
}

/** Process stdout in Node; console.log line by line elsewhere (browsers). */
export function defaultWriter(): Writer {
  const proc = (globalThis as { process?: { stdout?: StdoutLike } }).process;
  const stdout = proc?.stdout;
  if (stdout && typeof stdout.write === "function") {
    return { write: (s) => void stdout.write(s), isTTY: stdout.isTTY === true };
  }
  let pending = "";
  return {
    isTTY: false,
    write(s) {
      pending += s.replace(/\r/g, "");
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) console.log(line);
    },
  };
}
