/**
 * Answers a viewer's request for rows of an append dataset (every row, for an export), a
 * slice at a time: decimated frames carry only what a picture needs; of a field, its whole
 * newest state.
 */
import { MAX_ROWS_PER_REQUEST, type RowsAnswer } from '../../protocol.js';
import { AppendStore } from '../storage/append-store.js';
import { FieldStore } from '../storage/field-store.js';
import type { PlotStore } from '../storage/plot-store.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * @param startOf - the first row this viewer wants of a dataset (after it cleared the chart).
 */
export function answerRows(
  store: PlotStore,
  request: unknown,
  startOf: (dataset: AppendStore) => number
): RowsAnswer {
  if (
    !isObject(request) ||
    typeof request.chart !== 'string' ||
    typeof request.dataset !== 'string' ||
    !Number.isSafeInteger(request.from) ||
    !Number.isSafeInteger(request.count) ||
    (request.from as number) < 0 ||
    (request.count as number) < 1
  ) {
    return {
      error: {
        code: 'bad-request',
        message: 'a rows request needs chart, dataset, from ≥ 0 and count ≥ 1'
      }
    };
  }
  const chart = store.charts.get(request.chart);
  if (chart === undefined) {
    return { error: { code: 'no-chart', message: `no chart "${request.chart}"` } };
  }
  const dataset = chart.datasets.find(candidate => candidate.name === request.dataset);
  if (dataset instanceof FieldStore) {
    dataset.poll();
    const step = typeof request.step === 'number' ? request.step : undefined;
    const state = dataset.shown(step);
    if (state === null) {
      return {
        error: { code: 'no-dataset', message: `field "${request.dataset}" has no state yet` }
      };
    }
    if (step !== undefined && state.version !== step) {
      return {
        error: {
          code: 'no-dataset',
          message: `field "${request.dataset}" no longer keeps state ${step} (it keeps the last ${dataset.history?.length ?? 1})`
        }
      };
    }
    const { width, height, version, values } = state;
    return { field: { width, height, version, values } };
  }
  if (!(dataset instanceof AppendStore)) {
    return {
      error: {
        code: 'no-dataset',
        message: `chart "${request.chart}" has no append dataset "${request.dataset}"`
      }
    };
  }
  dataset.drain();
  const firstKept = Math.max(dataset.firstKept(), startOf(dataset));
  const total = dataset.total();
  const from = Math.min(Math.max(request.from as number, firstKept), total);
  const to = Math.min(total, from + Math.min(request.count as number, MAX_ROWS_PER_REQUEST));
  return { rows: dataset.read(from, to), from, firstKept, total };
}
