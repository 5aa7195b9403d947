// Builders of handles and protocol messages for the viewer's and the panel's unit tests.
import { PROTOCOL_VERSION } from 'async-plotter/protocol';
import type {
  AppendUpdate,
  DecimatedUpdate,
  PlotterHandle,
  ReplaceUpdate,
  WireRows
} from 'async-plotter/protocol';

/** The handle of a plotter `title` (nothing listens at its URL). */
export function handle(id: string, title: string): PlotterHandle {
  return {
    version: PROTOCOL_VERSION,
    id,
    title,
    url: 'http://127.0.0.1:1',
    token: 't',
    rate: 30,
    inline: false
  };
}

/** Wire rows from plain columns: numbers become Float64Arrays, as a viewer unpacks them. */
export function wireRows(columns: Record<string, (number | string | null)[]>): WireRows {
  const names = Object.keys(columns);
  const length = names.length ? columns[names[0]].length : 0;
  const out: WireRows = { length, columns: {} };
  for (const name of names) {
    const values = columns[name];
    if (values.every(v => typeof v === 'number')) {
      out.columns[name] = { type: 'number', data: new Float64Array(values as number[]) };
    } else {
      out.columns[name] = {
        type: 'string',
        data: values.map(v => (v === null ? null : String(v)))
      };
    }
  }
  return out;
}

export function append(
  dataset: string,
  xs: number[],
  options: { reset?: boolean; window?: number | null; total?: number } = {}
): AppendUpdate {
  return {
    dataset,
    mode: 'append',
    reset: options.reset ?? false,
    window: options.window ?? null,
    rows: wireRows({ x: xs, y: xs.map(x => x * 2) }),
    total: options.total ?? 0
  };
}

export function decimated(
  dataset: string,
  xs: number[],
  options: { keep?: number; kept?: number; window?: number | null } = {}
): DecimatedUpdate {
  const kept = options.kept ?? 1_000_000;
  return {
    dataset,
    mode: 'decimated',
    keep: options.keep ?? 0,
    rows: wireRows({ x: xs, y: xs.map(x => x * 2) }),
    kept,
    total: kept,
    window: options.window ?? null
  };
}

export function replace(dataset: string, xs: number[], version = 1): ReplaceUpdate {
  return { dataset, mode: 'replace', rows: wireRows({ x: xs }), version };
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}
