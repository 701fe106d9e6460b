/**
 * The read-only hook `window.backpropPlayground` for automated checks: what a person sees (as
 * numbers) and the buttons a person presses; it changes nothing the controls could not.
 */
import type { DataMessage, RaceResult, Update, WalkResult } from "./protocol.js";
import type { Settings } from "./settings.js";

export interface HookSources {
  last(): Update | undefined;
  data(): DataMessage | undefined;
  settings(): Settings;
  framesPerSecond(): number;
  /** Updates from the worker received in the last second (while playing: the heat map's refresh rate). */
  updatesPerSecond(): number;
  digits(): unknown;
  race(): RaceResult | undefined;
  walk(): WalkResult | undefined;
  play(): void;
  pause(): void;
  step(n: number): Promise<void>;
  reset(): Promise<void>;
}

/** The hook object over the page's current state. */
export function makeHook(src: HookSources) {
  const state = () => {
    const last = src.last();
    const data = src.data();
    const race = src.race();
    const walk = src.walk();
    return {
      epoch: last?.epoch ?? 0,
      trainLoss: last?.trainLoss ?? NaN,
      testLoss: last?.testLoss ?? NaN,
      playing: last?.playing ?? false,
      settings: structuredClone(src.settings()),
      trainAccuracy: last?.trainAccuracy,
      testAccuracy: last?.testAccuracy,
      weights: (last?.weights ?? []).map((w) => ({
        name: w.name,
        kernel: Array.from(w.kernel),
        bias: Array.from(w.bias),
      })),
      nan: last?.nan,
      stepsPerSecond: last?.stepsPerSecond ?? 0,
      epochsPerSecond: last?.epochsPerSecond ?? 0,
      framesPerSecond: src.framesPerSecond(),
      updatesPerSecond: src.updatesPerSecond(),
      threads: last?.threads ?? 0,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      points: { train: data?.train.label.length ?? 0, test: data?.test.label.length ?? 0 },
      regression: data?.regression ?? false,
      confusion: last?.confusion,
      layers: last?.stats.map((l) => ({
        name: l.name,
        gradientRms: l.gradientRms,
        gradients: l.gradients,
        activations: l.activations,
      })),
      digits: src.digits(),
      race: race && { search: race.search, optimizers: race.optimizers },
      walk: walk && {
        loss: walk.loss,
        checkGrad: walk.checkGrad,
        numeric: walk.numeric,
        gradients: walk.gradients,
        edges: walk.edges.length,
      },
    };
  };
  return {
    state,
    play: (): void => src.play(),
    pause: (): void => src.pause(),
    step: (n = 1): Promise<void> => src.step(n),
    reset: (): Promise<void> => src.reset(),
  };
}
