/**
 * Learning-rate schedules: the nn.json values (Keras 3 formulas), config round trips, the extra
 * schedules' defining properties, and bad options.
 */
import { describe, expect, test } from "vitest";
import * as bp from "../../src/index.js";
import { expectNear, nn } from "../losses/nn-fixtures.js";

const exact = { rtol: 1e-14, atol: 1e-17 };

describe("schedules against nn.json", () => {
  test.each(nn.schedules.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    const fromConfig = bp.schedules.scheduleFromConfig(c.config);
    const { schedule, ...options } = c.config;
    const factory = (
      bp.schedules as unknown as Record<string, (o: object) => bp.schedules.LearningRateSchedule>
    )[schedule];
    const made = factory!(options);
    c.steps.forEach((step, i) => {
      expectNear(fromConfig(step), c.values[i]!, exact, `${c.name}(${step})`);
      expect(made(step), `factory ${c.name}(${step})`).toBe(fromConfig(step));
    });
    expect(made.getConfig()).toMatchObject(c.config);
  });

  test("the fixture covers every schedule, cosine warmup and polynomial cycles", () => {
    const names = new Set(nn.schedules.map((c) => c.config.schedule));
    expect([...names].sort()).toEqual([
      "cosineDecay",
      "exponentialDecay",
      "inverseTimeDecay",
      "piecewiseConstantDecay",
      "polynomialDecay",
      "stepDecay",
    ]);
    expect(nn.schedules.some((c) => c.config.warmupSteps !== undefined)).toBe(true);
    expect(
      nn.schedules.some((c) => c.config.schedule === "inverseTimeDecay" && c.config.staircase === true),
    ).toBe(true);
    expect(nn.schedules.some((c) => c.config.schedule === "polynomialDecay" && c.config.cycle === true)).toBe(
      true,
    );
    expect(nn.schedules.some((c) => c.config.schedule === "polynomialDecay" && c.config.power !== 1)).toBe(
      true,
    );
  });
});

describe("the other schedules", () => {
  test("polynomialDecay with power 1 falls linearly to endLearningRate and stays there", () => {
    const s = bp.schedules.polynomialDecay({
      initialLearningRate: 0.1,
      decaySteps: 10,
      endLearningRate: 0.02,
    });
    expect(s(0)).toBeCloseTo(0.1, 15);
    expect(s(5)).toBeCloseTo((0.1 + 0.02) / 2, 15);
    expect(s(10)).toBeCloseTo(0.02, 15);
    expect(s(50)).toBe(s(10));
  });

  test("polynomialDecay with cycle restarts with a longer horizon", () => {
    const s = bp.schedules.polynomialDecay({
      initialLearningRate: 1,
      decaySteps: 4,
      endLearningRate: 0,
      cycle: true,
    });
    expect(s(4)).toBeCloseTo(0, 15);
    expect(s(6)).toBeCloseTo(1 - 6 / 8, 15);
  });

  test("inverseTimeDecay halves the rate when decayRate·step/decaySteps reaches 1", () => {
    const s = bp.schedules.inverseTimeDecay({ initialLearningRate: 0.2, decaySteps: 4, decayRate: 0.5 });
    expect(s(8)).toBeCloseTo(0.1, 15);
    const stairs = bp.schedules.inverseTimeDecay({
      initialLearningRate: 0.2,
      decaySteps: 4,
      decayRate: 0.5,
      staircase: true,
    });
    expect(stairs(7)).toBe(stairs(4));
    expect(stairs(3)).toBe(0.2);
  });

  test("piecewiseConstantDecay switches after each boundary (inclusive, as Keras)", () => {
    const s = bp.schedules.piecewiseConstantDecay({ boundaries: [2, 5], values: [1, 0.5, 0.1] });
    expect([0, 1, 2, 3, 5, 6, 100].map(s)).toEqual([1, 1, 1, 0.5, 0.5, 0.1, 0.1]);
  });

  test.each([
    ["exponentialDecay", { initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.5, staircase: true }],
    ["cosineDecay", { initialLearningRate: 0, decaySteps: 5, alpha: 0.1, warmupTarget: 0.1, warmupSteps: 3 }],
    ["stepDecay", { initialLearningRate: 0.1, dropEvery: 3, factor: 0.5 }],
    ["inverseTimeDecay", { initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.5, staircase: false }],
    [
      "polynomialDecay",
      { initialLearningRate: 0.1, decaySteps: 3, endLearningRate: 0.01, power: 2, cycle: false },
    ],
    ["piecewiseConstantDecay", { boundaries: [1, 4], values: [0.3, 0.2, 0.1] }],
  ])("%s: scheduleFromConfig(getConfig()) rebuilds it", (name, options) => {
    const factory = (
      bp.schedules as unknown as Record<string, (o: object) => bp.schedules.LearningRateSchedule>
    )[name]!;
    const s = factory(options);
    const config = JSON.parse(JSON.stringify(s.getConfig())) as bp.schedules.ScheduleConfig;
    expect(config).toEqual({ schedule: name, ...options });
    const again = bp.schedules.scheduleFromConfig(config);
    for (let step = 0; step < 12; step++) expect(again(step)).toBe(s(step));
  });
});

describe("bad options", () => {
  test.each([
    [
      "negative rate",
      () => bp.schedules.exponentialDecay({ initialLearningRate: -1, decaySteps: 1, decayRate: 0.5 }),
      /initialLearningRate must be a non-negative number, got -1/,
    ],
    [
      "zero decaySteps",
      () => bp.schedules.cosineDecay({ initialLearningRate: 1, decaySteps: 0 }),
      /decaySteps must be a positive number, got 0/,
    ],
    [
      "NaN decayRate",
      () => bp.schedules.exponentialDecay({ initialLearningRate: 1, decaySteps: 1, decayRate: NaN }),
      /decayRate .* got NaN/,
    ],
    [
      "alpha > 1",
      () => bp.schedules.cosineDecay({ initialLearningRate: 1, decaySteps: 2, alpha: 2 }),
      /alpha must be a number in \[0, 1\]/,
    ],
    [
      "warmup without target",
      () => bp.schedules.cosineDecay({ initialLearningRate: 1, decaySteps: 2, warmupSteps: 3 }),
      /warmupSteps 3 needs warmupTarget/,
    ],
    [
      "fractional dropEvery",
      () => bp.schedules.stepDecay({ initialLearningRate: 1, dropEvery: 1.5, factor: 0.5 }),
      /dropEvery must be a positive integer, got 1.5/,
    ],
    [
      "unknown key",
      () => bp.schedules.stepDecay({ initialLearningRate: 1, dropEvery: 1, factor: 0.5, decay: 1 } as never),
      /unknown option "decay"/,
    ],
    [
      "boundaries not increasing",
      () => bp.schedules.piecewiseConstantDecay({ boundaries: [3, 2], values: [1, 2, 3] }),
      /boundaries\[1\] must be increasing/,
    ],
    [
      "values count",
      () => bp.schedules.piecewiseConstantDecay({ boundaries: [3], values: [1] }),
      /values.length = boundaries.length \+ 1/,
    ],
  ])("%s → ValueError", (_name, make, message) => {
    expect(make).toThrow(bp.ValueError);
    expect(make).toThrow(message);
  });

  test("a negative or fractional step is a ValueError", () => {
    const s = bp.schedules.stepDecay({ initialLearningRate: 1, dropEvery: 2, factor: 0.5 });
    expect(() => s(-1)).toThrow(bp.ValueError);
    expect(() => s(0.5)).toThrow(/step must be a non-negative integer/);
  });

  test("an unknown schedule name is a NotFoundError listing the valid ones", () => {
    const make = () => bp.schedules.scheduleFromConfig({ schedule: "linearWarmup" });
    expect(make).toThrow(bp.NotFoundError);
    expect(make).toThrow(
      /unknown schedule "linearWarmup"; valid names: exponentialDecay, cosineDecay, stepDecay/,
    );
  });
});
