import * as bp from "../../src/index.js";

export async function example(): Promise<void> {
const args: bp.layers.FlattenArgs = { dataFormat: "channelsLast", name: "to_vector" };
bp.layers.flatten(args).name;   // => "to_vector"
}
