import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const webgpu = (): bp.Backend => {
  throw new Error("no WebGPU here");   // a factory that throws marks its backend unavailable
};
bp.registerBackend("webgpu", webgpu, 2);   // the highest available priority becomes the default
["js", "wasm"].includes(bp.getBackend());   // => true
}
