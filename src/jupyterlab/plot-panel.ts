import type { ITranslator } from '@jupyterlab/translation';
import { vegaIcon } from '@jupyterlab/ui-components';
import { Signal } from '@lumino/signaling';
import type { ISignal } from '@lumino/signaling';
import { Panel, Widget } from '@lumino/widgets';
import { ChartCard } from '../viewer/views/chart-card';
import type { ChartModel } from '../viewer/models/chart-model';
import { PlotterCard } from '../viewer/views/plotter-card';
import type { PlotterModel } from '../viewer/models/plotter-model';
import type { PlotterRegistry, RegistryChange } from './plotter-registry';
import { PlotSection } from '../viewer/views/plot-section';
import type { SectionCardOptions } from '../viewer/views/plot-section';
import { ScrollKeeper } from './scroll-keeper';

/**
 * How long the panel keeps its scroll offset after a theme switch, and again once the charts are
 * drawn anew (ms): the style sheets and the canvases settle within it.
 */
const THEME_HOLD_MS = 1500;

/** Id of the panel widget (stable: the layout restorer and the UI tests rely on it). */
export const PLOT_PANEL_ID = 'jupyterlab-async-plotter-panel';

export interface PlotPanelOptions {
  registry: PlotterRegistry;
  translator: ITranslator;
  card: SectionCardOptions;
}

/**
 * The live plot dashboard: one section per notebook (or manual connection), one card per
 * chart. Follows the registry: plotters added get cards; a plotter taken over by a re-run
 * keeps its cards.
 */
export class PlotPanel extends Panel {
  constructor(options: PlotPanelOptions) {
    super();
    this.id = PLOT_PANEL_ID;
    this.addClass('jp-AsyncPlotter-panel');
    const trans = options.translator.load('jupyterlab_async_plotter');
    this.title.icon = vegaIcon;
    this.title.caption = trans.__('Live plots');
    this.node.setAttribute('role', 'region');
    this.node.setAttribute('aria-label', trans.__('Live plots'));
    this._registry = options.registry;
    this._cardOptions = options.card;
    const empty = document.createElement('p');
    empty.className = 'jp-AsyncPlotter-empty';
    empty.textContent = trans.__(
      'No live plots yet. Run a notebook cell that opens a plotter, or connect to one from the command palette.'
    );
    this._empty = new Widget({ node: empty });
    this.addWidget(this._empty);
    for (const model of this._registry.models) {
      this._add(model);
    }
    this._registry.changed.connect(this._onRegistryChanged, this);
  }

  /** Every card, section by section. */
  get cards(): ChartCard[] {
    return [...this._sections.values()].flatMap(section => section.cards);
  }

  /** Bring the first card of `plotter` into view. */
  reveal(plotter: PlotterModel): void {
    const card = this._sections.get(plotter.section)?.firstCardOf(plotter);
    card?.node.scrollIntoView({ block: 'nearest' });
  }

  /** Emitted after the theme changed, for chart views outside the panel (inline, tabs). */
  get themeChanged(): ISignal<this, void> {
    return this._themeChanged;
  }

  /** Re-embed every chart with the current theme (data and scroll position kept). */
  refreshTheme(): void {
    // The new style sheets and the views embedding again change the content's height for a
    // moment: keep the user's offset until all are drawn again, and a while after.
    this._scroll.hold(THEME_HOLD_MS);
    const embeds = this.cards.map(card => card.view.refreshTheme());
    void Promise.allSettled(embeds).then(() => {
      if (!this.isDisposed) {
        this._scroll.hold(THEME_HOLD_MS);
      }
    });
    this._themeChanged.emit();
  }

  dispose(): void {
    if (this.isDisposed) {
      return;
    }
    this._registry.changed.disconnect(this._onRegistryChanged, this);
    this._scroll.dispose();
    Signal.clearData(this);
    super.dispose();
  }

  private _onRegistryChanged(_: PlotterRegistry, change: RegistryChange): void {
    if (change.type === 'added') {
      this._add(change.model);
    } else if (change.type === 'removed') {
      const section = this._sections.get(change.model.section);
      section?.removePlotter(change.model);
      if (section?.isEmpty) {
        this._sections.delete(section.info.key);
        section.dispose();
      }
    }
    this._empty.setHidden(this._sections.size > 0);
  }

  private _add(model: PlotterModel): void {
    let section = this._sections.get(model.section);
    if (!section) {
      const info = this._registry.sections.find(s => s.key === model.section) ?? {
        key: model.section,
        label: model.section
      };
      section = new PlotSection(info, {
        card: (plotter, chart) => this._createCard(plotter, chart),
        plotter: plotter =>
          new PlotterCard({
            plotter,
            remove: removed => this._registry.remove(removed),
            trans: this._cardOptions.trans
          })
      });
      this._sections.set(info.key, section);
      this.addWidget(section);
    }
    section.addPlotter(model);
    this._empty.setHidden(true);
  }

  private _createCard(plotter: PlotterModel, chart: ChartModel): ChartCard {
    return new ChartCard({ ...this._cardOptions, plotter, chart });
  }

  private _registry: PlotterRegistry;
  private _cardOptions: SectionCardOptions;
  private _sections = new Map<string, PlotSection>();
  private _empty: Widget;
  private readonly _scroll = new ScrollKeeper(this.node);
  private _themeChanged = new Signal<this, void>(this);
}
