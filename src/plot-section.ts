import { Panel, Widget } from '@lumino/widgets';
import { ChartCard } from './chart-card';
import type { ChartCardOptions } from './chart-card';
import type { ChartModel } from './chart-model';
import type { PlotterModel } from './plotter-model';
import type { SectionInfo } from './plotter-registry';

export type CardFactory = (plotter: PlotterModel, chart: ChartModel) => ChartCard;

/** The plotters of one notebook (or manual connection) as a heading and a grid of cards. */
export class PlotSection extends Panel {
  constructor(
    readonly info: SectionInfo,
    private _createCard: CardFactory
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

  /** Every card of the section. */
  get cards(): ChartCard[] {
    return this._cards.widgets.filter((w): w is ChartCard => w instanceof ChartCard);
  }

  /** Show the charts of `plotter` (present and future) as cards. */
  addPlotter(plotter: PlotterModel): void {
    for (const chart of plotter.charts.values()) {
      this._addCard(plotter, chart);
    }
    plotter.chartAdded.connect(this._onChartAdded, this);
  }

  /** Drop the cards of `plotter`. */
  removePlotter(plotter: PlotterModel): void {
    plotter.chartAdded.disconnect(this._onChartAdded, this);
    for (const card of this.cards) {
      if (card.plotter === plotter) {
        card.dispose();
      }
    }
  }

  private _onChartAdded(plotter: PlotterModel, chart: ChartModel): void {
    this._addCard(plotter, chart);
  }

  private _addCard(plotter: PlotterModel, chart: ChartModel): void {
    if (!this.cards.some(card => card.chart === chart)) {
      this._cards.addWidget(this._createCard(plotter, chart));
    }
  }

  private _cards = new Panel();
}

/** Options a section passes through to every card it creates. */
export type SectionCardOptions = Omit<ChartCardOptions, 'plotter' | 'chart'>;
