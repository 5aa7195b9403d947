import { Panel, Widget } from '@lumino/widgets';
import { ChartCard } from './chart-card';
import type { ChartCardOptions } from './chart-card';
import type { ChartModel } from '../models/chart-model';
import type { PlotterCard } from './plotter-card';
import type { PlotterModel } from '../models/plotter-model';
import type { SectionInfo } from './section-info';

export type CardFactory = (plotter: PlotterModel, chart: ChartModel) => ChartCard;

/** What a section builds its cards with. */
export interface SectionFactories {
  /** The card of one chart. */
  card: CardFactory;
  /** The card of a plotter that has no chart yet (its link state, why it is down). */
  plotter: (plotter: PlotterModel) => PlotterCard;
}

/** The plotters of one notebook (or manual connection) as a heading and a grid of cards. */
export class PlotSection extends Panel {
  constructor(
    readonly info: SectionInfo,
    private _factories: SectionFactories
  ) {
    super();
    this.addClass('jp-AsyncPlotter-section');
    this.node.dataset.section = info.key;
    const heading = document.createElement('h3');
    heading.className = 'jp-AsyncPlotter-sectionHeading';
    heading.textContent = info.label;
    heading.title = info.key;
    this.addWidget(new Widget({ node: heading }));
    this._cards.addClass('jp-AsyncPlotter-cards');
    this.addWidget(this._cards);
  }

  /** Every chart card of the section. */
  get cards(): ChartCard[] {
    return this._cards.widgets.filter((w): w is ChartCard => w instanceof ChartCard);
  }

  /** Whether the section shows nothing: no chart card and no plotter waiting for its charts. */
  get isEmpty(): boolean {
    return this._cards.widgets.length === 0;
  }

  /** The first card standing for `plotter`: a chart card, or the card of a plotter without. */
  firstCardOf(plotter: PlotterModel): Widget | undefined {
    return this.cards.find(card => card.plotter === plotter) ?? this._waiting.get(plotter);
  }

  /** Show the charts of `plotter` (present and future) as cards. */
  addPlotter(plotter: PlotterModel): void {
    for (const chart of plotter.charts.values()) {
      this._addCard(plotter, chart);
    }
    if (plotter.charts.size === 0 && !this._waiting.has(plotter)) {
      const card = this._factories.plotter(plotter);
      this._waiting.set(plotter, card);
      this._cards.addWidget(card);
    }
    plotter.chartAdded.connect(this._onChartAdded, this);
  }

  /** Drop the cards of `plotter`. */
  removePlotter(plotter: PlotterModel): void {
    plotter.chartAdded.disconnect(this._onChartAdded, this);
    this._dropWaiting(plotter);
    for (const card of this.cards) {
      if (card.plotter === plotter) {
        card.dispose();
      }
    }
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._waiting.clear();
    super.dispose();
  }

  private _onChartAdded(plotter: PlotterModel, chart: ChartModel): void {
    this._addCard(plotter, chart);
  }

  private _addCard(plotter: PlotterModel, chart: ChartModel): void {
    if (!this.cards.some(card => card.chart === chart)) {
      // The first chart takes the place of the plotter's waiting card.
      const waiting = this._waiting.get(plotter);
      const index = waiting ? this._cards.widgets.indexOf(waiting) : -1;
      const card = this._factories.card(plotter, chart);
      if (index >= 0) {
        this._cards.insertWidget(index, card);
      } else {
        this._cards.addWidget(card);
      }
      this._dropWaiting(plotter);
    }
  }

  private _dropWaiting(plotter: PlotterModel): void {
    this._waiting.get(plotter)?.dispose();
    this._waiting.delete(plotter);
  }

  private _cards = new Panel();
  private _waiting = new Map<PlotterModel, PlotterCard>();
}

/** Options a section passes through to every card it creates. */
export type SectionCardOptions = Omit<ChartCardOptions, 'plotter' | 'chart'>;
