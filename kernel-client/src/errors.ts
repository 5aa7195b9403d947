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

/**
 * The plot server of a plotter failed (its worker thread threw or ended): thrown by the next data
 * call. The plotter cannot be used any more; what viewers received stays with them.
 */
export class PlotterFailedError extends Error {
  constructor(message: string) {
    super(`async-plotter: ${message}`);
    this.name = 'PlotterFailedError';
  }
}

/**
 * The user stopped the computation (Kernel > Interrupt, Ctrl-C, the panel's Stop button):
 * thrown by the next data call after a stop, and the reason a stopped cell's pending promises
 * are rejected. Its stack is the message alone, so a stopped cell shows one short line instead
 * of the library's internals.
 */
export class PlotInterrupted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlotInterrupted';
    this.stack = `PlotInterrupted: ${message}`;
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
