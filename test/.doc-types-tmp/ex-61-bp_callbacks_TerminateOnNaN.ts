import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const guard = new bp.callbacks.TerminateOnNaN();
const model = bp.sequential([bp.layers.dense({ units: 1, inputShape: [1] })]);
model.compile({ optimizer: bp.optimizers.sgd({ learningRate: 1e30 }), loss: "meanSquaredError" });   // diverges
await model.fit(bp.full([4, 1], 1e20), bp.ones([4, 1]), { epochs: 5, verbose: 0, callbacks: [guard] });
guard.stoppedAt !== undefined;   // => true
}
