/**
 * Sources of notebook cells that open a plotter and feed it, for the JupyterLab tests (test/ui,
 * test/remote) and the panel benchmarks. Every cell that opens a plotter is built by
 * `plotterCellCode`: `import { open } from "npm:async-plotter"`, a plotter bound to `plot`, one
 * line chart of `step` against `loss` over the named dataset `points`, bound to a variable of
 * the caller's choice. `openPlotterCode` adds deterministic rows (`{ step: i, loss: i * 0.5 }`,
 * checked with `expectedRows`); `openLossPlotterCode` prepares the `loss` chart for the busy
 * loops of `lossLoopCode` and `endlessLossLoopCode`. Strings only: no Playwright here.
 */

/** Options of `openPlotterCode` (and of `plotterCellCode`). */
export interface OpenPlotterOptions {
  /** Keep only the last `window` rows (the chart's append window). */
  window?: number;
  /**
   * `false`: the plotter shows no handle (so the panel does not follow it); the cell prints the
   * JSON `{ url, token }` of its plot server instead, for a connection made by hand.
   */
  display?: boolean;
  /** The chart's mark; `line` by default (a `bar` chart is one the plot server cannot decimate). */
  mark?: string;
}

/**
 * Code that opens a plotter titled `title` (bound to `plot`) with one chart `chart` of `step`
 * against `loss` over the named dataset `points`, bound to `variable`.
 */
export function plotterCellCode(
  title: string,
  chart: string,
  variable: string,
  options: OpenPlotterOptions = {}
): string {
  const openOptions = options.display === false ? ', display: false' : '';
  const chartOptions = options.window !== undefined ? `, { window: ${options.window} }` : '';
  return `import { open } from "npm:async-plotter";
const plot = await open({ title: ${JSON.stringify(title)}${openOptions} });
const ${variable} = plot.chart(${JSON.stringify(chart)}, {
  data: { name: "points" },
  mark: ${JSON.stringify(options.mark ?? 'line')},
  encoding: {
    x: { field: "step", type: "quantitative" },
    y: { field: "loss", type: "quantitative" }
  }
}${chartOptions});`;
}

/**
 * Code of a cell that opens a plotter titled `title` with one line chart `chart` over the named
 * dataset `points`, then pushes the deterministic rows `{ step: i, loss: i * 0.5 }` for
 * `0 <= i < rows`. The chart is bound to `c` and the plotter to `plot` for later cells.
 */
export function openPlotterCode(
  title: string,
  rows: number,
  chart = 'loss',
  options: OpenPlotterOptions = {}
): string {
  const result =
    options.display === false
      ? '\nconsole.log(JSON.stringify({ url: plot.handle.url, token: plot.handle.token }));'
      : '';
  return `${plotterCellCode(title, chart, 'c', options)}
${pushRowsCode(0, rows)}${result}`;
}

/**
 * Code that pushes `{ step: i, loss: i * 0.5 }` for `from <= i < to` to the chart `c`, or to
 * each chart bound to a variable of `charts`.
 */
export function pushRowsCode(from: number, to: number, charts: string[] = ['c']): string {
  const pushes = charts.map(chart => `${chart}.push({ step: i, loss: i * 0.5 });`).join(' ');
  return `for (let i = ${from}; i < ${to}; i++) { ${pushes} }`;
}

/**
 * Code that keeps pushing `{ step: i, loss: i * 0.5 }` to `c` from `i = from`, one row about
 * every millisecond of busy computation, for `seconds` (or until the plotter is stopped).
 */
export function streamRowsCode(from: number, seconds: number): string {
  return `let i = ${from};
const end = Date.now() + ${seconds * 1000};
while (Date.now() < end) {
  c.push({ step: i, loss: i * 0.5 });
  i++;
  const busy = Date.now() + 1;
  while (Date.now() < busy) { /* computing */ }
}`;
}

/** The rows `pushRowsCode(from, to)` pushes. */
export function expectedRows(from: number, to: number): { step: number; loss: number }[] {
  return Array.from({ length: to - from }, (_, k) => ({ step: from + k, loss: (from + k) * 0.5 }));
}

/**
 * Code of a cell that opens a plotter titled `title` with a line chart `loss` over the dataset
 * `points`, bound to `loss`, and declares `before = 41` and `step = 0` for the cells that follow.
 */
export function openLossPlotterCode(title: string): string {
  return `${plotterCellCode(title, 'loss', 'loss')}
const before = 41;
let step = 0;`;
}

/**
 * Code of a synchronous loop of about `seconds` that pushes a point to `loss` (of
 * `openLossPlotterCode`) every `busyMs` of busy computation; its result is `pushed <step>`.
 */
export function lossLoopCode(seconds: number, busyMs: number): string {
  return `const end = Date.now() + ${seconds * 1000};
while (Date.now() < end) {
  loss.push({ step, loss: Math.exp(-step / 400) + 0.05 * Math.sin(step / 7) });
  step++;
  const busy = Date.now() + ${busyMs};
  while (Date.now() < busy) { /* computing */ }
}
"pushed " + step`;
}

/** Code of a loop that pushes a point to `loss` every `busyMs` of busy computation, forever. */
export function endlessLossLoopCode(busyMs: number): string {
  return `while (true) {
  loss.push({ step, loss: Math.exp(-step / 400) + 0.05 * Math.cos(step / 7) });
  step++;
  const busy = Date.now() + ${busyMs};
  while (Date.now() < busy) { /* computing */ }
}`;
}
