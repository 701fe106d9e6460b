/**
 * The model: bp.sequential / bp.Sequential (compile, fit, evaluate, predict, summary, save) and
 * bp.loadModel. Callbacks are under bp.callbacks.
 */
export { Sequential, sequential, type SequentialArgs } from "./sequential.js";
export { type LoadOptions } from "./load.js";
export { loadModel, loadWeights, MODEL_FORMATS, type ModelFormat, type SaveOptions } from "../formats/index.js";
export type { CompileArgs, LossFn, MetricSpec } from "./compile.js";
export type { Data, FitArgs } from "./fit-options.js";
export type { SummaryArgs } from "./summary.js";
export type { Writer } from "./writer.js";
export { History, type StopInfo } from "./callbacks/history.js";
export { FORMAT_VERSION as MODEL_FORMAT_VERSION } from "./model-json.js";
