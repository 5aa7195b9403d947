/** async-plotter: live, non-blocking Vega-Lite plots from Deno and Node notebooks and scripts. */
export { open, type OpenOptions } from './open.js';
export { Plotter, type CloseOptions } from './plotter.js';
export { Chart, type ChartOptions, type DatasetOptions } from './chart.js';
export { Dataset, type Row, type Columns } from './dataset.js';
export { line, scatter, heatmap, type XYOptions, type HeatmapOptions } from './builders.js';
export { field, type FieldOptions } from './field-builder.js';
export type { FieldState } from './recording/field-writer.js';
export {
  PlotInputError,
  PlotInterrupted,
  PlotterClosedError,
  PlotterFailedError
} from './errors.js';
export type { PlotterHandle } from './protocol.js';
export type { BrowserOption } from './showing/browser-command.js';
