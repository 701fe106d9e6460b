import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
bp.MODEL_FORMATS;   // => ["backprop", "safetensors", "tfjs", "onnx", "keras"]
}
