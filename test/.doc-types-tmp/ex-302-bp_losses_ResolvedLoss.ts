import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const resolved: bp.losses.ResolvedLoss = bp.losses.getLoss(bp.losses.withOptions("huber", { delta: 2 }));
// unreduced: one value per sample and time step; perSample: one per sample
resolved.unreduced(bp.tensor([[[0, 0]]]), bp.tensor([[[1, 3]]]));   // => [[2.25]]
resolved.config;   // => { name: "huber", options: { delta: 2 } }
}
