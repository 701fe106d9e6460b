import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const seen: string[] = [];
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
const params: bp.callbacks.FitParams = { epochs: 1, initialEpoch: 0, steps: 1, samples: 4, batchSize: 4, verbose: 0, metrics: ["loss"] };
const list = new bp.callbacks.CallbackList([{ onEpochEnd: (epoch, logs) => { seen.push(`${epoch}: ${logs?.loss}`); } }], model, params);
await list.epochEnd(0, { loss: 0.5 });
seen;   // => ["0: 0.5"]
}
