/** Keras 3 Functional models: a single chain of layers reads as the Sequential model it is; other graphs are refused. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, unzipSync, zipSync } from "fflate";
import { afterAll, describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "bp-keras-functional-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const L = bp.layers;
type Json = Record<string, unknown>;

describe("Keras 3 Functional models", () => {
  test("a Functional model that is a single chain reads as the Sequential model it is; other graphs are FormatErrors", async () => {
    const file = join(dir, "seq.keras");
    const seq = bp.sequential([
      L.conv2d({ filters: 2, kernelSize: 2, inputShape: [4, 4, 1] }),
      L.flatten({}),
      L.dense({ units: 3, activation: "softmax" }),
    ]);
    await seq.save(file);
    const files = unzipSync(readFileSync(file));
    type Layer = { class_name: string; config: Json; name?: string; inbound_nodes?: unknown[] };
    const functional = (change: (layers: Layer[], cfg: Json) => void = () => {}) => {
      const cfg = JSON.parse(new TextDecoder().decode(files["config.json"])) as Json & {
        config: Json & { layers: Layer[] };
      };
      const layers = cfg.config.layers;
      layers.forEach((l, i) => {
        l.name = String(l.config.name);
        const from =
          i === 0
            ? []
            : [
                {
                  args: [
                    {
                      class_name: "__keras_tensor__",
                      config: {
                        shape: null,
                        dtype: "float32",
                        keras_history: [layers[i - 1]!.config.name, 0, 0],
                      },
                    },
                  ],
                  kwargs: i === 1 ? { training: false } : {},
                },
              ];
        l.inbound_nodes = from;
      });
      Object.assign(cfg, { class_name: "Functional" });
      Object.assign(cfg.config, {
        input_layers: [[layers[0]!.name, 0, 0]],
        output_layers: [[layers[layers.length - 1]!.name, 0, 0]],
      });
      delete cfg.config.build_input_shape;
      change(layers, cfg.config);
      const name = join(dir, `functional-${Math.random().toString(36).slice(2)}.keras`);
      writeFileSync(name, zipSync({ ...files, "config.json": strToU8(JSON.stringify(cfg)) }, { level: 0 }));
      return name;
    };
    const outcome = (f: string) =>
      bp.loadModel(f).then(
        (m) => `loaded ${m.layers.length} layers`,
        (e: Error) => `${e.name}: ${e.message}`,
      );
    const chain = await bp.loadModel(functional());
    const x = bp.randn([2, 4, 4, 1], { seed: 3 });
    expect(Array.from(chain.predict(x).dataSync())).toEqual(Array.from(seq.predict(x).dataSync()));
    // layer names are numbered per process (dense_1 …), so the expectations take them from the model
    const [conv, flat, dense] = seq.layers.map((l) => l.name);
    const branch = (layers: Layer[]) =>
      ((
        layers[3]!.inbound_nodes as { args: { config: { keras_history: unknown[] } }[] }[]
      )[0]!.args[0]!.config.keras_history = [conv, 0, 0]);
    expect(await outcome(functional(branch))).toContain(
      `layer "${dense}" of the Functional model is called on "${conv}", not on the layer before it ("${flat}")`,
    );
    const twoOut = (_: Layer[], c: Json) =>
      (c.output_layers = [
        [dense, 0, 0],
        [flat, 0, 0],
      ]);
    expect(await outcome(functional(twoOut))).toMatch(/^FormatError: .*several inputs or outputs/);
    const added = (layers: Layer[]) =>
      layers.splice(2, 0, {
        ...layers[2]!,
        class_name: "Add",
        name: "add",
        inbound_nodes: [{ args: [[{}, {}]], kwargs: {} }],
      });
    expect(await outcome(functional(added))).toMatch(
      /^FormatError: .*layer "add" of the Functional model is not called once on one layer's output/,
    );
  });
});
