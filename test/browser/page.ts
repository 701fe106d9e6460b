/**
 * The page's entry point (bundled for the browser by browser.test.ts): hands the scenario to the test
 * through `globalThis.runScenario` and flags `globalThis.scenarioReady` once the bundle has loaded.
 */
import { runScenario } from "./scenario.js";

const g = globalThis as { runScenario?: typeof runScenario; scenarioReady?: boolean };
g.runScenario = runScenario;
g.scenarioReady = true;
