/**
 * The playground's pure parts in Node: settings ⇄ URL, the seeded data sets, CSV parsing, and
 * `backprop train --config` on hostile run files.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { run } from "../../src/cli/main.js";
import { playground } from "../../src/cli/playground.js";
import { parseCsv } from "../../playground/src/csv.js";
import { generate, splitPoints } from "../../playground/src/data.js";
import {
  ACTIVATIONS,
  DATASETS,
  DEFAULTS,
  FEATURES,
  HIDEABLE_NAMES,
  OPTIMIZERS,
  parseSettings,
  settingsToHash,
  type Settings,
} from "../../playground/src/settings.js";

describe("settings in the URL", () => {
  test("random settings survive the round trip through the URL", () => {
    const rng = new bp.Rng(3);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)] as T;
    for (let i = 0; i < 200; i++) {
      const layers = Array.from(
        { length: Math.floor(rng.uniform() * 11) },
        () => 1 + Math.floor(rng.uniform() * 32),
      );
      const s: Settings = {
        ...DEFAULTS,
        dataset: pick(DATASETS),
        classes: 2 + Math.floor(rng.uniform() * 4),
        noise: 5 * Math.floor(rng.uniform() * 11),
        seed: Math.floor(rng.uniform() * 1e9),
        features: FEATURES.filter(() => rng.uniform() < 0.5)
          .concat(["x"])
          .filter((f, j, a) => a.indexOf(f) === j),
        layers,
        activations: layers.map(() => pick(ACTIVATIONS)),
        optimizer: pick(OPTIMIZERS),
        learningRate: pick([0.00001, 0.003, 0.03, 1, 10]),
        batchSize: 1 + Math.floor(rng.uniform() * 100),
        showTestData: rng.uniform() < 0.5,
        hide: HIDEABLE_NAMES.filter(() => rng.uniform() < 0.2),
      };
      expect(parseSettings(settingsToHash(s))).toEqual(s);
    }
  });

  test("a hostile URL loads the defaults or clamps, never throws", () => {
    const s = parseSettings(
      "#dataset=nope&layers=99,-3,x&noise=1e9&learningRate=NaN&batchSize=-5&seed=1e30&features=evil&acts=rm,-rf",
    );
    expect(s.dataset).toBe("circle");
    expect(s.layers).toEqual([32, 1, 1]);
    expect(s.noise).toBe(50);
    expect(s.learningRate).toBe(DEFAULTS.learningRate);
    expect(s.batchSize).toBe(1);
    expect(s.features).toEqual(DEFAULTS.features);
    expect(s.activations).toEqual(["tanh", "tanh", "tanh"]);
    expect(parseSettings("layers=").layers).toEqual([]);
    // classroom flags: only known controls, only "true" (or 1) hides, in one fixed order
    expect(parseSettings("#seed_hide=true&evil_hide=true&play_hide=1&noise_hide=false").hide).toEqual([
      "play",
      "seed",
    ]);
    // classes = 1 (a regression target) only on one's own data
    expect(parseSettings("dataset=custom&classes=1").classes).toBe(1);
    expect(parseSettings("dataset=spiral&classes=1").classes).toBe(2);
    expect(parseSettings("layers=" + "4,".repeat(50)).layers.length).toBe(10);
  });
});

describe("data sets", () => {
  test("the same seed gives the same points, another seed other points; the split keeps every point once", () => {
    for (const dataset of ["circle", "xor", "gauss", "spiral", "plane", "multigauss"] as const) {
      const s = { ...DEFAULTS, dataset, seed: 11, noise: 20 };
      const a = generate(s);
      expect(generate(s)).toEqual(a);
      expect(generate({ ...s, seed: 12 }).xy).not.toEqual(a.xy);
      expect(a.xy.every(Number.isFinite)).toBe(true);
      const { train, test: held } = splitPoints(a, 30, 11);
      expect(train.label.length).toBe(150);
      expect(held.label.length).toBe(350);
      const key = (xy: Float32Array, i: number): string => `${xy[2 * i]},${xy[2 * i + 1]}`;
      const all = new Set([
        ...Array.from({ length: 150 }, (_, i) => key(train.xy, i)),
        ...Array.from({ length: 350 }, (_, i) => key(held.xy, i)),
      ]);
      expect(all.size).toBe(new Set(Array.from({ length: 500 }, (_, i) => key(a.xy, i))).size);
    }
  });

  test("classification sets are balanced over their classes", () => {
    const p = generate({ ...DEFAULTS, dataset: "spiral", classes: 5, points: 500 });
    for (let c = 0; c < 5; c++) expect(p.label.filter((l) => l === c).length).toBe(100);
  });
});

describe("CSV upload", () => {
  test("a header, any two to five labels, scaled into the square", () => {
    const { points, classes } = parseCsv("a,b,kind\n100,1,cat\n200,2,dog\n300,3,cat\n400,4,dog\n");
    expect(classes).toBe(2);
    expect(Array.from(points.label)).toEqual([0, 1, 0, 1]);
    expect(points.xy[0]).toBe(-5);
    expect(points.xy[6]).toBe(5);
  });

  test("bad files name the line and the value", () => {
    expect(() => parseCsv("x,y,l\n1,2,a\n3,,b\n4,5,a\n6,7,b", "f.csv")).toThrow(
      /f\.csv, line 3: x1 and x2 must be finite numbers/,
    );
    expect(() => parseCsv("1,2\n", "g.csv")).toThrow(/g\.csv, line 1: expected 3 columns/);
    expect(() => parseCsv("1,2,a\n3,4,a\n5,6,a\n7,8,a\n", "h.csv")).toThrow(
      /needs 2 to 5 distinct labels .*got 1 /,
    );
    expect(() => parseCsv("", "e.csv")).toThrow(/needs at least 4 data rows, got 0/);
    const many = Array.from({ length: 12 }, (_, i) => `${i},${i},c${i}`).join("\n");
    expect(() => parseCsv(many, "m.csv")).toThrow(/got 12/);
  });

  test("a label column of numbers with fractions is a regression target, scaled into [−1, 1]", () => {
    const { points, classes, targetRange } = parseCsv("x,y,price\n0,0,10.5\n1,0,20\n0,1,30.25\n1,1,50.5\n");
    expect(classes).toBe(1);
    expect(targetRange).toEqual([10.5, 50.5]);
    expect(Array.from(points.label)).toEqual([-1, -0.525, -0.0125, 1].map(Math.fround));
    // more than five distinct integers are a target too (counts, prices), not classes
    const counts = parseCsv(Array.from({ length: 30 }, (_, i) => `${i},${i % 7},${i * i}`).join("\n"));
    expect(counts.classes).toBe(1);
    expect(counts.points.label.every((v) => v >= -1 && v <= 1)).toBe(true);
  });

  test("hostile files: wrong column counts, words among numbers, non-finite values, huge files", () => {
    expect(() => parseCsv("x,y,t\n1,2,0.5\n3,4,0.7,9\n", "w.csv")).toThrow(
      /w\.csv, line 3: expected 3 columns \(x1, x2, label\), got 4/,
    );
    expect(() => parseCsv("1,2,0.5\n3,4,0.25\n5,6,high\n7,8,0.1\n", "m.csv")).toThrow(
      /m\.csv, line 3: the label column holds numbers .* but this label is "high"/,
    );
    expect(() => parseCsv("1,2,0.5\n3,1e999,0.25\n5,6,1\n7,8,0.1\n", "i.csv")).toThrow(
      /i\.csv, line 2: x1 and x2 must be finite numbers/,
    );
    expect(() => parseCsv("1,2,0.5\nNaN,4,0.25\n5,6,1\n7,8,0.1\n", "n.csv")).toThrow(/n\.csv, line 2/);
    expect(() => parseCsv("x,y,t\n1,2,0.5\n3,4,1.5\n", "short.csv")).toThrow(
      /needs at least 4 data rows, got 2/,
    );
    const big = Array.from({ length: 200_000 }, (_, i) => `${i},${-i},${(i % 97) / 10}`).join("\n");
    expect(() => parseCsv(big, "big.csv")).toThrow(/big\.csv: more than 10,000 data rows/);
    // the largest file allowed parses, with every value finite
    const max = parseCsv(Array.from({ length: 10_000 }, (_, i) => `${i},${-i},${(i % 97) / 10}`).join("\n"));
    expect(max.points.label.length).toBe(10_000);
    expect(max.points.xy.every(Number.isFinite) && max.points.label.every(Number.isFinite)).toBe(true);
  });
});

describe("backprop train --config on hostile files", () => {
  const call = async (text: string): Promise<{ code: number; out: string }> => {
    const dir = mkdtempSync(join(tmpdir(), "bp-config-"));
    try {
      const file = join(dir, "run.json");
      writeFileSync(file, text);
      const out: string[] = [];
      const io = {
        out: { write: (s: string) => void out.push(s), isTTY: false },
        err: { write: (s: string) => void out.push(s), isTTY: false },
      };
      return { code: await run(["train", "--config", file], io), out: out.join("") };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const good = {
    model: {
      layers: [
        {
          className: "Dense",
          config: {
            units: 1,
            activation: "sigmoid",
            batchInputShape: [null, 2],
            kernelInitializer: { className: "GlorotUniform", config: { seed: 1 } },
          },
        },
      ],
    },
    compile: { optimizer: { className: "SGD", config: { learningRate: 0.1 } }, loss: "binaryCrossentropy" },
    fit: { epochs: 2, batchSize: 2, seed: 1 },
    data: { inputs: 2, outputs: 1, xTrain: [0, 1, 1, 0, 1, 1, 0, 0], yTrain: [1, 1, 0, 0] },
  };

  test("a small valid run trains and reports its loss", async () => {
    const r = await call(JSON.stringify(good));
    expect(r.code, r.out).toBe(0);
    expect(r.out).toMatch(/trained 2 epochs, final training loss \d/);
  });

  test.each([
    ["not JSON", "{ not json", /not JSON/],
    ["an array", "[]", /the file is not an object/],
    ["no layers", JSON.stringify({ ...good, model: { layers: [] } }), /"model.layers" is missing or empty/],
    [
      "negative epochs",
      JSON.stringify({ ...good, fit: { epochs: -1, batchSize: 2, seed: 1 } }),
      /"fit" needs integer epochs/,
    ],
    [
      "x and y of different counts",
      JSON.stringify({ ...good, data: { ...good.data, yTrain: [1, 0] } }),
      /xTrain has 8 numbers for 2 inputs and yTrain 2/,
    ],
    [
      "a string in the data",
      JSON.stringify({ ...good, data: { ...good.data, xTrain: [0, 1, "x", 0, 1, 1, 0, 0] } }),
      /finite number arrays/,
    ],
    [
      "an unknown layer",
      JSON.stringify({ ...good, model: { layers: [{ className: "Nope", config: {} }] } }),
      /Nope/,
    ],
  ])("refuses %s with exit code 3", async (_name, text, message) => {
    const r = await call(text);
    expect(r.code).toBe(3);
    expect(r.out).toMatch(message);
  });
});

describe("backprop playground (the server)", () => {
  test("serves the built page on 127.0.0.1 with the isolation headers and prints its URL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bp-serve-"));
    const stop = new AbortController();
    try {
      writeFileSync(join(dir, "index.html"), "<!doctype html><title>pg</title>");
      writeFileSync(join(dir, "main.js"), "export {};");
      const out: string[] = [];
      const io = {
        out: { write: (s: string) => void out.push(s), isTTY: false },
        err: { write: (s: string) => void out.push(s), isTTY: false },
      };
      const done = playground({ port: 0, dir }, io, stop.signal);
      await expect.poll(() => out.join("")).toMatch(/http:\/\/127\.0\.0\.1:\d+\//);
      const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(out.join(""))?.[0] ?? "";
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(page.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
      expect(await page.text()).toContain("<title>pg</title>");
      expect((await fetch(`${url}main.js`)).headers.get("content-type")).toMatch(/text\/javascript/);
      expect((await fetch(`${url}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
      expect((await fetch(`${url}missing.js`)).status).toBe(404);
      stop.abort();
      await done;
    } finally {
      stop.abort();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("without a built page it says how to build one", async () => {
    const dir = mkdtempSync(join(tmpdir(), "bp-serve-"));
    try {
      const out: string[] = [];
      const io = {
        out: { write: (s: string) => void out.push(s), isTTY: false },
        err: { write: (s: string) => void out.push(s), isTTY: false },
      };
      await expect(playground({ port: 0, dir }, io)).rejects.toThrow(/npm run build:playground/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
