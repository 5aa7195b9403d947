/** Errors thrown at the call site by the kernel client. Each names what was wrong and where. */

/** Bad data or a bad spec given to a chart: the message names chart, dataset and field. */
export class PlotInputError extends TypeError {
  constructor(message: string) {
    super(`async-plotter: ${message}`);
    this.name = 'PlotInputError';
  }
}

/** Data or a chart was given to a plotter after `close()`. */
export class PlotterClosedError extends Error {
  constructor(message: string) {
    super(`async-plotter: ${message}`);
    this.name = 'PlotterClosedError';
  }
}

/** A viewer asked the computation to stop; thrown once by the next data call. */
export class PlotInterrupted extends Error {
  constructor(title: string) {
    super(`async-plotter: plotter "${title}" was stopped from a viewer`);
    this.name = 'PlotInterrupted';
  }
}

/** Where an input error happened, as it is shown in messages. */
export function place(chart: string, dataset?: string, field?: string): string {
  let text = `chart "${chart}"`;
  if (dataset !== undefined) {
    text += `, dataset "${dataset}"`;
  }
  if (field !== undefined) {
    text += `, field "${field}"`;
  }
  return text;
}

/** A short description of a value's type for error messages. */
export function describe(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'an array';
  }
  if (value instanceof Date) {
    return 'a Date';
  }
  if (ArrayBuffer.isView(value)) {
    return `a ${value.constructor.name}`;
  }
  const type = typeof value;
  return type === 'object' ? 'an object' : type === 'undefined' ? 'undefined' : `a ${type}`;
}
