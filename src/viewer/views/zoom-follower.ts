import type { Result } from 'vega-embed';
import { ZOOM_PARAM } from './view-spec';

/**
 * Follows the zoom of one embedded chart: whether the user zoomed or panned its x axis, and a
 * reset to the whole extent. The zoom parameter (view-spec.ts) compiles to a signal
 * `<param>_<x field>` that holds the zoomed x extent; it is found by name, not by the shape of
 * Vega's compiled code.
 */
export class ZoomFollower {
  /**
   * @param onChange - called after the user zoomed, panned or reset (with whether zoomed).
   */
  constructor(
    private readonly _result: Result,
    onChange: (zoomed: boolean) => void
  ) {
    const signals = (_result.vgSpec.signals ?? []) as { name: string }[];
    const names = new Set(signals.map(signal => signal.name));
    const fields = ZoomFollower._xFields(_result);
    this._step =
      fields.map(field => `${ZOOM_PARAM}_${field}`).find(name => names.has(name)) ?? null;
    if (this._step === null) {
      return;
    }
    // A field's zoom is on y as well: a reset shows its whole height too.
    const y = `${ZOOM_PARAM}_y`;
    this._yStep = this._step !== y && names.has(y) ? y : null;
    this._listener = (_name: string, value: unknown) => {
      this._zoomed = typeof value === 'object' && value !== null && Object.keys(value).length > 0;
      onChange(this._zoomed);
    };
    _result.view.addSignalListener(ZOOM_PARAM, this._listener);
  }

  /** Whether the chart can be zoomed at all. */
  get zoomable(): boolean {
    return this._step !== null;
  }

  get zoomed(): boolean {
    return this._zoomed;
  }

  /** Shows the whole x extent again (as a double-click on the chart does). */
  async reset(): Promise<void> {
    if (this._step !== null) {
      this._result.view.signal(this._step, null);
      if (this._yStep !== null) {
        this._result.view.signal(this._yStep, null);
      }
      await this._result.view.runAsync();
    }
  }

  dispose(): void {
    if (this._listener !== null) {
      this._result.view.removeSignalListener(ZOOM_PARAM, this._listener);
      this._listener = null;
    }
  }

  /** The fields of the x encodings of the chart's Vega-Lite spec (single or layered). */
  private static _xFields(result: Result): string[] {
    const spec = result.spec as { encoding?: unknown; layer?: unknown[] };
    const fields: string[] = [];
    const add = (encoding: unknown) => {
      const x = (encoding as { x?: { field?: unknown } } | undefined)?.x;
      if (typeof x?.field === 'string') {
        // Vega-Lite names the signal after the field as its `varName` spells it.
        const name = x.field.replace(/\W/g, '_');
        fields.push(/^\d/.test(name) ? `_${name}` : name);
      }
    };
    add(spec.encoding);
    for (const layer of spec.layer ?? []) {
      add((layer as { encoding?: unknown }).encoding);
    }
    return fields;
  }

  private readonly _step: string | null;
  private _yStep: string | null = null;
  private _zoomed = false;
  private _listener: ((name: string, value: unknown) => void) | null = null;
}
