/**
 * bp.callbacks: hooks for fit. Plain objects with onTrainBegin / onEpochBegin / onBatchBegin /
 * onBatchEnd / onEpochEnd / onTrainEnd work too.
 *
 *   callbacks: [bp.callbacks.earlyStopping({ patience: 2, restoreBestWeights: true })]
 */
export { Callback, CallbackList, type CallbackHooks, type CallbackModel, type FitParams, type Logs } from "./callback.js";
export { History, type StopInfo } from "./history.js";
export { EarlyStopping, earlyStopping, type EarlyStoppingArgs } from "./early-stopping.js";
export { ModelCheckpoint, modelCheckpoint, formatFilepath, type ModelCheckpointArgs } from "./model-checkpoint.js";
export { LearningRateScheduler, learningRateScheduler, type ScheduleFn } from "./learning-rate-scheduler.js";
export { ReduceLROnPlateau, reduceLROnPlateau, type ReduceLROnPlateauArgs } from "./reduce-lr-on-plateau.js";
export { TerminateOnNaN, terminateOnNaN } from "./terminate-on-nan.js";
export { CsvLogger, csvLogger, type CsvLoggerArgs } from "./csv-logger.js";
export { ProgressLogger } from "./progress-logger.js";
export type { MonitorMode } from "./monitor.js";
