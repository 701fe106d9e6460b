import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const w = bp.variable(bp.tensor([1]), { name: "w" });
const opt = bp.optimizers.adam();
opt.minimize(() => w.square().sum(), [w]);
const state: bp.optimizers.NamedTensor[] = opt.getState();
state.map((s) => s.name);   // => ["iterations", "w/m", "w/v"]
}
