/**
 * Keeps an element scrolled where the user put it while its content is laid out again. A theme
 * switch swaps style sheets and re-embeds every chart: for a moment the content is shorter and
 * the browser clamps the offset to the shorter range, which is no choice of the user's.
 * `hold(ms)` puts the user's offset back whenever the content changes size or the offset moves,
 * for `ms` or until the user scrolls (wheel, key, pointer, touch). `dispose()` stops listening.
 */
export class ScrollKeeper {
  constructor(private readonly _node: HTMLElement) {
    this._intended = _node.scrollTop;
    _node.addEventListener('scroll', this._onScroll, { passive: true });
    for (const type of USER_SCROLLS) {
      _node.addEventListener(type, this._onUser, { passive: true, capture: true });
    }
  }

  /** The offset the user chose (px). */
  get intended(): number {
    return this._intended;
  }

  /** Keep the user's offset for `ms` while the content is laid out again. */
  hold(ms: number): void {
    this._holdUntil = Math.max(this._holdUntil, performance.now() + ms);
    this._resizes ??= new ResizeObserver(() => this._keep());
    this._resizes.disconnect();
    for (const child of this._node.children) {
      this._resizes.observe(child);
    }
    this._keep();
  }

  dispose(): void {
    this._node.removeEventListener('scroll', this._onScroll);
    for (const type of USER_SCROLLS) {
      this._node.removeEventListener(type, this._onUser, { capture: true });
    }
    this._resizes?.disconnect();
    this._resizes = null;
  }

  private get _holding(): boolean {
    const holding = performance.now() < this._holdUntil;
    if (!holding) {
      this._resizes?.disconnect();
    }
    return holding;
  }

  private _keep(): void {
    if (this._holding && Math.abs(this._node.scrollTop - this._intended) > 1) {
      this._node.scrollTop = this._intended;
    }
  }

  private readonly _onScroll = (): void => {
    if (this._holding) {
      this._keep();
    } else {
      this._intended = this._node.scrollTop;
    }
  };

  private readonly _onUser = (): void => {
    this._holdUntil = 0;
  };

  private _intended: number;
  private _holdUntil = 0;
  private _resizes: ResizeObserver | null = null;
}

/** Events by which the user scrolls, which end a hold. */
const USER_SCROLLS = ['wheel', 'keydown', 'pointerdown', 'touchstart'] as const;
