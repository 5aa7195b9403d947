import type { PlotterHandle, RowsAnswer, RowsRequest } from 'async-plotter/protocol';
import type { Endpoint } from '../viewer/link/endpoint';
import type { LinkProblem, PlotterModel } from '../viewer/models/plotter-model';
import { NO_TOKEN } from './lent-token';
import type { PlotterLink } from './plotter-registry';
import { NO_PLOT_SERVER } from './route-finder';
import type { RouteChoice } from './route-finder';

export interface RoutedLinkOptions {
  /** Finds the way to a handle's plot server (route-finder.ts); `signal` ends its requests. */
  find(handle: PlotterHandle, signal: AbortSignal): Promise<RouteChoice>;
  /** Opens the socket.io link of `model` over `endpoint`. */
  open(model: PlotterModel, endpoint: Endpoint): PlotterLink;
  /** Milliseconds before each new search, by attempt; the last one repeats. */
  retryDelays?: readonly number[];
  /** Searches in a row without a working way before giving up; default 30. */
  maxAttempts?: number;
}

/** About socket.io's own pace of reconnection attempts. */
const RETRY_DELAYS_MS = [500, 1000, 2000, 4000, 5000];
const MAX_ATTEMPTS = 30;

/** Problems of a link after which the way is looked for again: its server cannot be reached. */
const LINK_DOWN = new Set<LinkProblem['kind']>(['lost', 'unreachable', 'gave-up']);

/**
 * Follows one plotter over the way the route finder picks, and looks for the way again
 * whenever the link cannot reach the plot server (the Jupyter server restarted, the kernel
 * went away): a way that answers again is connected (a new link starts with a snapshot), a
 * route's refusal is shown as the card's problem instead of socket.io's "websocket error".
 * While the way found is the one in use, socket.io keeps reconnecting by itself.
 */
export class RoutedLink implements PlotterLink {
  constructor(
    readonly model: PlotterModel,
    options: RoutedLinkOptions
  ) {
    this._options = options;
    model.statusChanged.connect(this._onStatus, this);
    void this._search();
  }

  async stop(): Promise<boolean> {
    return this._link ? this._link.stop() : false;
  }

  async fetchRows(request: RowsRequest): Promise<RowsAnswer | null> {
    return this._link ? this._link.fetchRows(request) : null;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._cancelSearch();
    this._requests.abort();
    this.model.statusChanged.disconnect(this._onStatus, this);
    this._closeLink();
  }

  private async _search(): Promise<void> {
    this._timer = null;
    this._searching = true;
    let choice: RouteChoice;
    try {
      choice = await this._options.find(this.model.handle, this._requests.signal);
    } catch (error) {
      choice = { kind: 'unreachable', reason: error instanceof Error ? error.message : 'error' };
    }
    this._searching = false;
    if (this._isDisposed) {
      return;
    }
    if (choice.kind === 'use') {
      this._use(choice.endpoint, choice.why);
      return;
    }
    this._closeLink();
    if (choice.kind === 'refused') {
      this.model.route = choice.route;
    }
    this.model.problem = this._problemOf(choice);
    // As a link does: still trying to reach it the first time, or lost.
    this.model.status = this._wasConnected ? 'disconnected' : 'connecting';
    this._searchLater();
  }

  /**
   * What the card says when no way works now: the Jupyter server does not answer, or there is
   * no plot server on that port (after a loss, the loss says so best), or the route refuses,
   * or there is no token to connect with.
   */
  private _problemOf(choice: Exclude<RouteChoice, { kind: 'use' }>): LinkProblem {
    if (choice.kind === 'unreachable') {
      return { kind: 'unreachable', detail: choice.reason };
    }
    if (choice.code === NO_TOKEN) {
      return { kind: 'token', detail: choice.reason };
    }
    if (NO_PLOT_SERVER.has(choice.code)) {
      if (this._lost !== null) {
        return { kind: 'lost', detail: this._lost };
      }
      return { kind: 'unreachable', detail: choice.reason };
    }
    return { kind: 'route', detail: choice.reason };
  }

  private _use(endpoint: Endpoint, why: string): void {
    const current = this._endpoint;
    if (this._link && current && sameEndpoint(current, endpoint)) {
      if (this.model.problem?.kind !== 'gave-up') {
        return; // socket.io keeps reconnecting on this way
      }
    }
    this._closeLink();
    console.info(`async-plotter: "${this.model.title}" ${describe(endpoint)}: ${why}`);
    this.model.problem = null;
    this.model.status = 'connecting';
    this._endpoint = endpoint;
    this._link = this._options.open(this.model, endpoint);
  }

  private _onStatus(): void {
    const { status, problem } = this.model;
    if (status === 'connected') {
      this._attempts = 0;
      this._wasConnected = true;
      this._lost = null;
      this._cancelSearch();
      return;
    }
    if (problem?.kind === 'lost' && this._link) {
      this._lost = problem.detail;
    }
    // Only the link's own problems (the ones set here come with the link closed): look at once,
    // so that the card soon says whether the Jupyter server or the plot server went away.
    if (this._link && problem && LINK_DOWN.has(problem.kind) && !this._searching) {
      if (this._timer === null && this._attempts++ < this._maxAttempts) {
        void this._search();
      }
    }
  }

  private _searchLater(): void {
    const attempt = this._attempts++;
    if (attempt >= this._maxAttempts) {
      const problem = this.model.problem;
      if (!this._link && problem?.kind === 'unreachable') {
        this.model.problem = { kind: 'gave-up', detail: problem.detail };
      }
      if (!this._link) {
        this.model.status = 'disconnected';
      }
      return;
    }
    const delays = this._options.retryDelays ?? RETRY_DELAYS_MS;
    const delay = delays[Math.min(attempt, delays.length - 1)];
    this._timer = setTimeout(() => void this._search(), delay);
  }

  private _cancelSearch(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  /** Ends the link, if any; forgotten first, so its last status changes are not its problems. */
  private _closeLink(): void {
    const link = this._link;
    this._link = null;
    this._endpoint = null;
    link?.dispose();
  }

  private get _maxAttempts(): number {
    return this._options.maxAttempts ?? MAX_ATTEMPTS;
  }

  private _options: RoutedLinkOptions;
  private _link: PlotterLink | null = null;
  private _endpoint: Endpoint | null = null;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _searching = false;
  /** Ends the finder's requests still under way when the link is disposed. */
  private _requests = new AbortController();
  private _attempts = 0;
  /** The link was up once: a way that fails now is a loss, not a slow start. */
  private _wasConnected = false;
  /** Why the link was lost, while it has not come back. */
  private _lost: string | null = null;
  private _isDisposed = false;
}

function sameEndpoint(a: Endpoint, b: Endpoint): boolean {
  return (
    a.route === b.route &&
    a.url === b.url &&
    a.path === b.path &&
    JSON.stringify(a.query ?? {}) === JSON.stringify(b.query ?? {})
  );
}

function describe(endpoint: Endpoint): string {
  return endpoint.route === 'direct' ? `direct to ${endpoint.url}` : `via ${endpoint.path}`;
}
