/**
 * Spec validation and analysis at `chart()`/`setSpec()` time, on the computing thread: Vega-Lite
 * compiles the spec (its errors are rethrown with the chart name), and the walk below finds the
 * named datasets the spec draws and the fields its encodings read from each of them.
 */
import { compile } from 'vega-lite';
import { PlotInputError, describe, place } from './errors.js';

type Json = Record<string, unknown>;

export interface AnalysedSpec {
  /** A private deep copy of the spec given. */
  spec: Json;
  /** Named datasets in the order they appear, each with the fields its encodings read. */
  datasets: Map<string, Set<string>>;
  warnings: string[];
}

const MARKS = new Set([
  'arc',
  'area',
  'bar',
  'image',
  'line',
  'point',
  'rect',
  'rule',
  'text',
  'tick',
  'trail',
  'circle',
  'square',
  'geoshape',
  'boxplot',
  'errorband',
  'errorbar'
]);

const CHILD_LISTS = ['layer', 'concat', 'hconcat', 'vconcat'];

export function analyseSpec(chart: string, spec: unknown): AnalysedSpec {
  if (!isObject(spec)) {
    throw new PlotInputError(
      `${place(chart)}: the spec must be a Vega-Lite object, got ${describe(spec)}`
    );
  }
  let copy: Json;
  try {
    copy = structuredClone(spec);
  } catch (error) {
    throw new PlotInputError(
      `${place(chart)}: the spec must be plain JSON data (${messageOf(error)})`
    );
  }
  const inline = isObject(copy.datasets) ? new Set(Object.keys(copy.datasets)) : new Set<string>();
  const datasets = new Map<string, Set<string>>();
  walk(chart, copy, null, new Set(), inline, datasets);
  if (datasets.size === 0) {
    throw new PlotInputError(
      `${place(chart)}: the spec has no named dataset to stream into; give its data as {"name": "..."}`
    );
  }
  const warnings: string[] = [];
  try {
    compile(copy as unknown as Parameters<typeof compile>[0], {
      logger: collectingLogger(warnings)
    });
  } catch (error) {
    throw new PlotInputError(`${place(chart)}: Vega-Lite rejects the spec: ${messageOf(error)}`);
  }
  return { spec: copy, datasets, warnings };
}

function walk(
  chart: string,
  node: Json,
  inheritedData: string | null,
  inheritedDerived: Set<string>,
  inline: Set<string>,
  out: Map<string, Set<string>>
): void {
  let data = inheritedData;
  if (isObject(node.data)) {
    const name = node.data.name;
    data = typeof name === 'string' && !inline.has(name) && !('values' in node.data) ? name : null;
    if (data !== null && !out.has(data)) {
      out.set(data, new Set());
    }
  }
  const derived = new Set(inheritedDerived);
  let opaque = collectDerived(node.transform, derived);
  checkMark(chart, node.mark);
  if (data !== null && !opaque) {
    const fields = out.get(data) as Set<string>;
    for (const field of encodedFields(node.encoding)) {
      if (!derived.has(field)) {
        fields.add(field);
      }
    }
    if (isObject(node.facet)) {
      for (const field of encodedFields(node.facet)) {
        fields.add(field);
      }
      if (typeof node.facet.field === 'string') {
        fields.add(topField(node.facet.field));
      }
    }
  }
  opaque = false;
  for (const key of CHILD_LISTS) {
    const children = node[key];
    if (Array.isArray(children)) {
      for (const child of children) {
        if (isObject(child)) {
          walk(chart, child, data, derived, inline, out);
        }
      }
    }
  }
  if (isObject(node.spec)) {
    walk(chart, node.spec, data, derived, inline, out);
  }
}

/** Adds the fields transforms create; true when a transform creates fields we cannot name. */
function collectDerived(transforms: unknown, derived: Set<string>): boolean {
  if (!Array.isArray(transforms)) {
    return false;
  }
  let opaque = false;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      value.forEach(visit);
    } else if (isObject(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === 'as') {
          (Array.isArray(inner) ? inner : [inner]).forEach(name => {
            if (typeof name === 'string') {
              derived.add(name);
            }
          });
        } else {
          visit(inner);
        }
      }
    }
  };
  for (const transform of transforms) {
    if (isObject(transform)) {
      if ('pivot' in transform || 'flatten' in transform || 'lookup' in transform) {
        opaque = true;
      }
      if ('fold' in transform && !('as' in transform)) {
        derived.add('key');
        derived.add('value');
      }
      visit(transform);
    }
  }
  return opaque;
}

function encodedFields(encoding: unknown): string[] {
  const fields: string[] = [];
  if (!isObject(encoding)) {
    return fields;
  }
  const visitDef = (def: unknown): void => {
    if (Array.isArray(def)) {
      def.forEach(visitDef);
      return;
    }
    if (!isObject(def)) {
      return;
    }
    if (typeof def.field === 'string') {
      fields.push(topField(def.field));
    }
    if (def.condition !== undefined) {
      visitDef(def.condition);
    }
  };
  Object.values(encoding).forEach(visitDef);
  return fields;
}

/** The top-level field of a Vega-Lite field path (`a.b` reads `a`; `a\.b` is the field `a.b`). */
export function topField(path: string): string {
  let name = '';
  for (let i = 0; i < path.length; i++) {
    const char = path[i];
    if (char === '\\' && i + 1 < path.length) {
      name += path[++i];
    } else if (char === '.' || char === '[') {
      break;
    } else {
      name += char;
    }
  }
  return name;
}

function checkMark(chart: string, mark: unknown): void {
  if (mark === undefined) {
    return;
  }
  const type = isObject(mark) ? mark.type : mark;
  if (typeof type !== 'string' || !MARKS.has(type)) {
    throw new PlotInputError(
      `${place(chart)}: Vega-Lite rejects the spec: unknown mark ${JSON.stringify(type)} ` +
        `(expected one of ${[...MARKS].join(', ')})`
    );
  }
}

type Logger = NonNullable<NonNullable<Parameters<typeof compile>[1]>['logger']>;

function collectingLogger(warnings: string[]): Logger {
  const logger = {
    level(): number {
      return 0;
    },
    warn(...args: unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    },
    info() {
      return logger;
    },
    debug() {
      return logger;
    },
    error(...args: unknown[]) {
      warnings.push(args.map(String).join(' '));
      return logger;
    }
  };
  return logger as unknown as Logger;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
