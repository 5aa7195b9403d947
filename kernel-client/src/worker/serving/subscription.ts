/**
 * What the plot server sends one connected viewer: a snapshot first, then at most `rate` frames
 * per second, each sent only after the previous one was acknowledged. While a frame is in flight
 * nothing is queued: the subscription's cursors simply stay behind, so a stalled viewer costs no
 * memory and delays no one.
 */
import type { Socket } from 'socket.io';
import { HEARTBEAT_MS, packFrame, packRowsAnswer, packSnapshot } from '../../protocol.js';
import type {
  ClientToServerEvents,
  PackedRowsAnswer,
  PlotterInfo,
  ServerToClientEvents
} from '../../protocol.js';
import { answerRows } from './row-export.js';
import { FrameBuilder } from './frame-builder.js';
import { parseViewport, type PlotSize } from '../decimation/viewport.js';
import type { Log } from '../log.js';
import type { PlotStore } from '../storage/plot-store.js';
import { unsentBytes } from './unsent-bytes.js';

/**
 * A viewer with more than this still unsent gets no frame (nor rows) until it reads: memory
 * stays bounded for a viewer that acknowledges without reading.
 */
export const MAX_UNSENT_BYTES = 1 << 20;
/** How often a viewer that does not read is looked at again. */
const UNREAD_RETRY_MS = 50;

export type ViewerSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

export interface SubscriptionContext {
  store: PlotStore;
  log: Log;
  info(): PlotterInfo;
  /** Milliseconds between frames; 0 while closing (flush as fast as acknowledged). */
  period(): number;
}

export class Subscription {
  private readonly builder: FrameBuilder;
  private inFlight = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastSent = 0;
  /** When the last message (snapshot, frame or heartbeat) went out. */
  private lastEmitted = 0;
  private seq = 0;
  private gone = false;
  /** True when the last build found nothing new, no row waits in a ring, nothing is in flight. */
  upToDate = false;

  /**
   * @param size - the plot size the viewer draws at (decimated frames), or null (every row).
   * @param rowLimit - the most rows the viewer keeps of a dataset sent whole, or null.
   */
  constructor(
    readonly socket: ViewerSocket,
    readonly name: string,
    private readonly context: SubscriptionContext,
    size: PlotSize | null = null,
    rowLimit: number | null = null
  ) {
    this.builder = new FrameBuilder(size, rowLimit);
  }

  /** The viewer drew a chart anew (resize, zoom, new data): the next frame follows it. */
  setViewport(raw: unknown): void {
    const viewport = parseViewport(raw);
    if (typeof viewport === 'string') {
      this.context.log.debug(
        `ignored a viewport from ${this.name}: ${viewport}`,
        `viewports from ${this.name}`
      );
      return;
    }
    this.builder.setViewport(viewport);
    this.schedule();
  }

  start(): void {
    const { store, log } = this.context;
    store.refresh();
    const built = this.builder.build(store);
    this.send('snapshot', built.rows, () => {
      const snapshot = packSnapshot({ plotter: this.context.info(), charts: built.charts });
      this.socket.emit('snapshot', snapshot, () => this.acknowledged());
    });
    log.debug(
      `snapshot to ${this.name}: ${built.charts.length} charts, ${built.rows} rows`,
      'snapshots'
    );
  }

  /** The viewer cleared a chart: it gets only rows pushed from now on. */
  clearChart(chart: unknown): void {
    if (typeof chart === 'string') {
      this.builder.clearChart(this.context.store, chart);
      this.schedule();
    } else {
      this.context.log.debug(`ignored a clear without a chart name from ${this.name}`, 'clears');
    }
  }

  /** Rows for the viewer's export: every row kept, from where it last cleared the chart. */
  answerRows(request: unknown): PackedRowsAnswer {
    if (unsentBytes(this.socket) > MAX_UNSENT_BYTES) {
      this.context.log.debug(`${this.name} asks for rows faster than it reads`, 'rows refused');
      return {
        error: { code: 'busy', message: 'the previous answers have not been read yet' }
      };
    }
    return packRowsAnswer(
      answerRows(this.context.store, request, dataset => this.builder.startOf(dataset))
    );
  }

  /** Sends as soon as the rate and the in-flight frame allow. */
  schedule(): void {
    if (this.gone || this.inFlight || this.timer !== null) {
      return;
    }
    const delay = Math.max(0, this.lastSent + this.context.period() - Date.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      this.tick();
    }, delay);
  }

  /** Sends what this viewer lacks now; `upToDate` turns true once it has everything. */
  hurry(): void {
    this.upToDate = false;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.schedule();
  }

  stop(): void {
    this.gone = true;
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private tick(): void {
    if (this.gone) {
      return;
    }
    const { store, log } = this.context;
    if (unsentBytes(this.socket) > MAX_UNSENT_BYTES) {
      log.debug(`${this.name} does not read what it acknowledges: waiting`, 'unread viewers');
      this.timer = setTimeout(() => {
        this.timer = null;
        this.tick();
      }, UNREAD_RETRY_MS);
      return;
    }
    store.refresh();
    const built = this.builder.build(store, this.context.period() > 0);
    if (built.dropped > 0) {
      log.debug(
        `${this.name} fell behind its window: ${built.dropped} rows dropped`,
        `drops for ${this.name}`
      );
    }
    if (built.charts.length === 0 && Date.now() - this.lastEmitted < HEARTBEAT_MS) {
      this.upToDate = !store.backlogged();
      this.lastSent = Date.now();
      this.schedule();
      return;
    }
    const seq = ++this.seq;
    this.send('frame', built.rows, () => {
      this.socket.emit('frame', packFrame({ seq, charts: built.charts }), () =>
        this.acknowledged()
      );
    });
    if (built.charts.length > 0) {
      log.debug(`frame ${seq} to ${this.name}: ${built.rows} rows`, `frames to ${this.name}`);
    }
  }

  private send(kind: string, rows: number, emit: () => void): void {
    this.inFlight = true;
    this.upToDate = false;
    this.lastSent = Date.now();
    this.lastEmitted = this.lastSent;
    try {
      emit();
    } catch (error) {
      this.inFlight = false;
      this.context.log.error(
        `cannot send ${kind} (${rows} rows) to ${this.name}: ${String(error)}`,
        `send errors for ${this.name}`
      );
    }
  }

  private acknowledged(): void {
    this.inFlight = false;
    // At once when the rate allows it: a timer would fire only after the ring drain's turn
    // queued before it (up to its longest turn), on every frame of a backlogged plotter.
    if (!this.gone && this.timer === null && Date.now() >= this.lastSent + this.context.period()) {
      this.tick();
      return;
    }
    this.schedule();
  }
}
