/**
 * A plotter: a plot server on a worker thread and the charts it serves. Data calls only record
 * into shared memory; the worker batches, encodes and sends.
 */
import { rmSync } from 'node:fs';
import process from 'node:process';
import { Chart, type ChartOptions } from './chart.js';
import { type PlotInterrupted, PlotterClosedError } from './errors.js';
import { Gate } from './stopping/gate.js';
import type { FromWorker, StaticFigure, ToWorker } from './messages.js';
import type { FigureMoment } from './showing/display.js';
import type { PlotterHandle } from './protocol.js';
import type { RingSizes } from './recording/ring.js';
import type { WorkerLink } from './runtime.js';
import type { StopTarget } from './stopping/heartbeat.js';
import { viewerUrl } from './showing/viewer-url.js';

export interface CloseOptions {
  /** Longest wait for viewers to receive what they have not yet (ms). Default 2000. */
  timeoutMs?: number;
}

/** How long `plotter.signal` stays aborted after a stop before a fresh one replaces it. */
const SIGNAL_RENEWAL_MS = 1000;

/**
 * Deletes a folder when the process exits: the worker removes its spill folder when the
 * plotter closes, but a script may end without closing it.
 */
function removeAtExit(path: string): void {
  process.once('exit', () => rmSync(path, { recursive: true, force: true }));
}

/**
 * Test diagnostics of the worker, under a registered symbol so that it is not part of the API:
 * `plotter[DIAGNOSTICS]('heap')` resolves with the worker's heap in use (bytes), `'throw'` makes
 * the worker fail.
 */
export const DIAGNOSTICS = Symbol.for('async-plotter.diagnostics');

export class Plotter implements AsyncDisposable, StopTarget {
  private abort = new AbortController();
  private abortedAt = 0;
  private readonly charts = new Map<string, Chart>();
  private chartSerial = 0;
  private datasetId = 0;
  private closing: Promise<void> | null = null;
  private resolveClosed: (() => void) | null = null;
  private readonly onClosed: (plotter: Plotter) => void;
  private readonly diagnostics = new Map<number, (heapBytes: number) => void>();
  private diagnosticId = 0;
  /** The charts as a static figure, as the worker left them when it closed. */
  private figure: StaticFigure | null = null;

  /**
   * @internal set by `showFigures` when a notebook shows the handle: called with the figure the
   * output keeps (`updateDisplay`) each time a streaming cell ends, and once the plot server
   * closed.
   */
  leaveFigure: ((figure: StaticFigure, moment: FigureMoment) => Promise<void>) | null = null;

  /** @internal the notebook output shows the figure whenever the data goes quiet, and at close. */
  showFigures(show: (figure: StaticFigure, moment: FigureMoment) => Promise<void>): void {
    this.leaveFigure = show;
    this.post({ type: 'quiet-figures' });
  }

  /** @internal use `open()` */
  constructor(
    /** Everything a viewer needs to connect, including the token. */
    readonly handle: PlotterHandle,
    private readonly gate: Gate,
    private readonly link: WorkerLink,
    private readonly debugLog: boolean,
    /** How large append datasets' rings are (within the memory budget). */
    private readonly rings: RingSizes,
    onClosed: (plotter: Plotter) => void
  ) {
    this.onClosed = onClosed;
  }

  /**
   * Aborts when the user stops the computation (Kernel > Interrupt, Ctrl-C, the panel's Stop
   * button), with the PlotInterrupted as its reason. It stays aborted for a second, then a
   * fresh signal serves the next computation: read it when a computation starts.
   */
  get signal(): AbortSignal {
    if (this.abort.signal.aborted && Date.now() - this.abortedAt > SIGNAL_RENEWAL_MS) {
      this.abort = new AbortController();
    }
    return this.abort.signal;
  }

  /** @internal the heartbeat saw a stop */
  interrupted(reason: PlotInterrupted): void {
    if (!this.abort.signal.aborted) {
      this.abortedAt = Date.now();
      this.abort.abort(reason);
    }
  }

  /** @internal the stopped computation ended without a data call consuming the stop */
  clearStop(): void {
    this.gate.clearStop();
  }

  get title(): string {
    return this.handle.title;
  }

  /** Base URL of the plot server (the token is in `handle`, not here). */
  get url(): string {
    return this.handle.url;
  }

  /**
   * The viewer page's link, token included: the live plots in any browser. For the person
   * running the computation; whoever has it can see the data and stop the computation.
   */
  get viewerUrl(): string {
    return viewerUrl(this.handle.url, this.handle.token);
  }

  get closed(): boolean {
    return this.gate.closed;
  }

  /**
   * Adds a chart, or replaces the chart of the same name (viewers start it over). The spec is
   * any Vega-Lite spec whose data comes from named datasets (`data: {name: "..."}`).
   */
  chart(name: string, spec: unknown, options?: ChartOptions): Chart {
    if (this.gate.closed) {
      throw new PlotterClosedError(`plotter "${this.title}" is closed; cannot add chart "${name}"`);
    }
    const chart = new Chart(name, spec, options, ++this.chartSerial, {
      gate: this.gate,
      post: message => this.post(message),
      rings: this.rings,
      nextDatasetId: () => ++this.datasetId,
      debug: message => this.debug(message)
    });
    this.charts.get(name)?.retire(`chart "${name}" was replaced by a newer chart of the same name`);
    this.charts.set(name, chart);
    return chart;
  }

  /**
   * Delivers to connected viewers what they have not received yet (waiting at most
   * `timeoutMs`), then stops the worker and frees the port. Later data calls throw.
   */
  close(options: CloseOptions = {}): Promise<void> {
    if (this.closing === null) {
      this.closing = this.shutDown(options.timeoutMs ?? 2000);
    }
    return this.closing;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** @internal */
  receive(message: FromWorker): void {
    if (message.type === 'closed') {
      this.figure = message.figure ?? null;
      this.resolveClosed?.();
    } else if (message.type === 'figure') {
      // A streaming cell ended: its output shows the plot as it is now.
      if (this.closing === null && this.leaveFigure !== null) {
        this.leaveFigure(message.figure, 'quiet').catch((error: unknown) =>
          this.debug(`could not update the figure in the notebook: ${String(error)}`)
        );
      }
    } else if (message.type === 'spill-folder') {
      removeAtExit(message.path);
    } else if (message.type === 'debug') {
      this.diagnostics.get(message.id)?.(message.heapBytes);
      this.diagnostics.delete(message.id);
    }
  }

  /**
   * @internal the worker threw or ended by itself: data calls throw PlotterFailedError from now
   * on and `close()` does not wait for it.
   */
  failed(reason: string): void {
    if (this.gate.failed || this.gate.closed) {
      return;
    }
    this.gate.fail(reason);
    this.resolveClosed?.();
    this.diagnostics.forEach(answer => answer(NaN));
    this.diagnostics.clear();
  }

  /** @internal test diagnostics (see DIAGNOSTICS). */
  [DIAGNOSTICS](action: 'heap' | 'throw'): Promise<number> {
    const id = ++this.diagnosticId;
    if (action === 'throw') {
      this.post({ type: 'debug', action, id });
      return Promise.resolve(NaN);
    }
    if (this.gate.failed) {
      return Promise.resolve(NaN);
    }
    return new Promise(resolve => {
      this.diagnostics.set(id, resolve);
      this.post({ type: 'debug', action, id });
    });
  }

  private post(message: ToWorker): void {
    this.link.post(message);
  }

  private async shutDown(timeoutMs: number): Promise<void> {
    const failed = this.gate.failed;
    this.gate.close();
    this.charts.forEach(chart => chart.retire(`plotter "${this.title}" is closed`));
    this.link.hold(true);
    const closed = new Promise<void>(resolve => (this.resolveClosed = resolve));
    if (failed) {
      this.resolveClosed?.();
    }
    this.link.post({ type: 'close', timeoutMs, figure: this.leaveFigure !== null });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<void>(resolve => (timer = setTimeout(resolve, timeoutMs + 3000)));
    await Promise.race([closed, late]);
    clearTimeout(timer);
    await this.link.terminate();
    if (this.figure !== null && this.leaveFigure !== null) {
      try {
        await this.leaveFigure(this.figure, 'closed');
      } catch (error) {
        this.debug(`could not leave the figure in the notebook: ${String(error)}`);
      }
    }
    this.onClosed(this);
    this.debug('closed');
  }

  private debug(message: string): void {
    if (this.debugLog) {
      console.error(`[async-plotter "${this.title}"] ${message}`);
    }
  }
}
