/**
 * Component names as types: a misspelt literal is a type error (the `@ts-expect-error` lines fail
 * `npm run typecheck` if it ever stops being one) and a run-time NotFoundError; every spelling the
 * run time accepts type-checks; a registered activation type-checks once declared by merging.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";

declare module "../../src/index.js" {
  interface CustomActivations {
    cube: true;
  }
}

const model = (): bp.Sequential => bp.sequential([bp.layers.dense({ units: 2, inputShape: [2] })]);

describe("component names", () => {
  test("misspelt names are type errors, and NotFoundErrors for JavaScript callers", () => {
    // @ts-expect-error a misspelt loss
    expect(() => model().compile({ optimizer: "adam", loss: "categoricalCrossentropi" })).toThrow(bp.NotFoundError);
    // @ts-expect-error a misspelt optimizer
    expect(() => model().compile({ optimizer: "adma", loss: "mse" })).toThrow(bp.NotFoundError);
    // @ts-expect-error a misspelt activation
    expect(() => bp.layers.dense({ units: 2, activation: "rleu" })).toThrow(bp.NotFoundError);
    // @ts-expect-error a misspelt initializer
    expect(() => bp.layers.dense({ units: 2, kernelInitializer: "heNormall" })).toThrow(bp.NotFoundError);
    // @ts-expect-error an activation never registered nor declared
    expect(() => bp.layers.dense({ units: 2, activation: "square" })).toThrow(bp.NotFoundError);
  });

  test("every spelling the run time accepts type-checks: camelCase, PascalCase, snake_case, aliases", () => {
    for (const loss of ["categoricalCrossentropy", "categorical_crossentropy", "CategoricalCrossentropy", "mse", "kld"] as const) {
      expect(() => model().compile({ optimizer: "adam", loss })).not.toThrow();
    }
    for (const optimizer of ["adam", "RMSprop", "SGD", "adamw", "AdamW"] as const) {
      expect(() => model().compile({ optimizer, loss: "meanSquaredError" })).not.toThrow();
    }
    for (const activation of ["leakyRelu", "leaky_relu", "LeakyRelu", "relu6", "silu"] as const) {
      expect(bp.layers.dense({ units: 2, activation }).getConfig()["activation"]).toBeTypeOf("string");
    }
    for (const init of ["heNormal", "he_normal", "HeNormal", "uniform"] as const) {
      expect(() => bp.layers.dense({ units: 2, kernelInitializer: init })).not.toThrow();
    }
  });

  test("a name held in a string variable (a flag, a file) is checked when compile runs", () => {
    const fromConfig: string = JSON.parse('"meanSquaredError"') as string;
    expect(() => model().compile({ optimizer: "adam", loss: fromConfig })).not.toThrow();
    const wrong: string = JSON.parse('"meanSquaredErr"') as string;
    expect(() => model().compile({ optimizer: "adam", loss: wrong })).toThrow(/unknown loss "meanSquaredErr"/);
  });

  test("a registered activation, declared by merging CustomActivations, type-checks and runs", () => {
    bp.activations.registerActivation("cube", (x) => x.pow(3));
    const layer = bp.layers.dense({ units: 1, activation: "cube", kernelInitializer: "ones", useBias: false, inputShape: [1] });
    const m = bp.sequential([layer]);
    expect(m.predict(bp.tensor([[2]])).toArray()).toEqual([[8]]);
  });
});
