/**
 * `bp.report`: SVG charts and the self-contained HTML training report. Everything returns strings,
 * so it runs in browsers too; write them to files in Node.
 *
 *   const html = bp.report.trainingReport({ history: history.history, test: { labels, probs, inputs: xTest } });
 */
export { blues, diverging } from "./colors.js";
export { CLASS_COLORS, decisionBoundary, type DecisionBoundaryOptions, type Predictor } from "./decision-boundary.js";
export { confusionMatrixChart } from "./heatmap.js";
export { trainingReport, type TrainingReportInput } from "./html.js";
export { filterGrid, imageGrid, misclassifiedGrid, type GridImage } from "./images.js";
export { historyCharts, lineChart, TRAIN_COLOR, VAL_COLOR, type LineChartOptions, type Series } from "./line-chart.js";
export { encodePng, pngDataUri } from "./png.js";
export { niceTicks } from "./svg.js";
