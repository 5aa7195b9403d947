import type { FieldHistoryInfo } from 'async-plotter/protocol';

/** `n` with thousands separators, as the card's other counts. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

/**
 * The step slider of a field that keeps a history (`FieldMeta.history`), like TensorBoard's
 * image slider: its positions are the states the plot server keeps, oldest first; the last is
 * live (the card follows each new state). Moving it back pins a kept state, which stays on the
 * card while new ones arrive, until the slider is back at its end or Live is pressed. The
 * slider owns the choice; the plot server is told through `onStep`.
 */
export class StepSlider {
  /** @param onStep - the state chosen changed: its version, or null for live. */
  constructor(private readonly _onStep: (step: number | null) => void) {
    this.node.className = 'jp-AsyncPlotter-fieldSteps';
    this.node.hidden = true;
    this._input.type = 'range';
    this._input.min = '0';
    this._input.step = '1';
    this._input.setAttribute('aria-label', 'State shown');
    this._input.addEventListener('input', this._onInput);
    this._live.type = 'button';
    this._live.className = 'jp-AsyncPlotter-fieldLive';
    this._live.textContent = 'Live';
    this._live.title = 'Follow each new state again';
    this._live.addEventListener('click', this._onLive);
    this._label.className = 'jp-AsyncPlotter-fieldStepLabel';
    this.node.append(this._input, this._live, this._label);
  }

  readonly node = document.createElement('div');

  /** The version of the kept state chosen, or null while live. */
  get step(): number | null {
    return this._step;
  }

  /** Follows the kept states a frame lists (hidden when the field keeps none). */
  show(history: FieldHistoryInfo | undefined): void {
    this._history = history ?? null;
    this.node.hidden = history === undefined;
    if (history === undefined) {
      return;
    }
    const { versions } = history;
    if (this._step !== null && !versions.includes(this._step)) {
      // The state chosen was dropped (the oldest go first): the oldest kept one now.
      this._choose(versions.find(version => version > (this._step as number)) ?? null);
    }
    this._input.max = String(Math.max(0, versions.length - 1));
    this._input.value = String(
      this._step === null ? versions.length - 1 : versions.indexOf(this._step)
    );
    this._input.disabled = versions.length < 2;
    this._live.hidden = this._step === null;
    this._label.textContent = this._text(history);
  }

  dispose(): void {
    this._input.removeEventListener('input', this._onInput);
    this._live.removeEventListener('click', this._onLive);
    this.node.remove();
    this._history = null;
  }

  private _text(history: FieldHistoryInfo): string {
    const { versions, wanted, budgetLimited } = history;
    const kept = `${count(versions.length)} of ${count(wanted)} states kept`;
    const limited = budgetLimited ? ' (memory budget)' : '';
    if (this._step === null) {
      return `live: state ${count(versions.at(-1) ?? 0)} · ${kept}${limited}`;
    }
    const back = versions.length - 1 - versions.indexOf(this._step);
    const behind = back === 1 ? '1 kept state' : `${count(back)} kept states`;
    return `state ${count(this._step)}, ${behind} before the newest · ${kept}${limited}`;
  }

  private _choose(step: number | null): void {
    if (step !== this._step) {
      this._step = step;
      this._onStep(step);
    }
  }

  private _onInput = (): void => {
    const versions = this._history?.versions ?? [];
    const index = Number(this._input.value);
    this._choose(index >= versions.length - 1 ? null : (versions[index] ?? null));
    if (this._history !== null) {
      this.show(this._history);
    }
  };

  private _onLive = (): void => {
    this._choose(null);
    if (this._history !== null) {
      this.show(this._history);
    }
  };

  private readonly _input = document.createElement('input');
  private readonly _live = document.createElement('button');
  private readonly _label = document.createElement('span');
  private _step: number | null = null;
  private _history: FieldHistoryInfo | null = null;
}
