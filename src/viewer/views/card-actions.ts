/**
 * The actions of a chart card's toolbar: pause and clear the chart, reset its zoom, save it as
 * an image, export every row (read from the plot server, with progress on the message line),
 * open it in the main area, and ask the computation to stop.
 */
import type { RowsAnswer, RowsRequest } from 'async-plotter/protocol';
import { downloadBlob, downloadURL } from '../export/download';
import { exportFileName } from '../export/export';
import { exportChart } from '../export/full-export';
import { fetchFieldState, fieldCSV, fieldJSON, npyBlob } from '../export/field-export';
import type { ExportFormat } from '../export/full-export';
import type { ChartModel } from '../models/chart-model';
import type { PlotterModel } from '../models/plotter-model';
import type { Translation } from '../translation';
import type { CardAction, CardHeader } from './card-header';
import { exportDoneText, exportFailedText, exportProgressText, stopText } from './card-wording';
import type { ChartView } from './chart-view';

/** What a card asks of its surroundings. */
export interface ChartCardActions {
  /** Ask the computation to stop. */
  stop(plotter: PlotterModel): Promise<boolean>;
  /** Rows straight from the plot server (every row, for exports); null without a link. */
  fetchRows(plotter: PlotterModel, request: RowsRequest): Promise<RowsAnswer | null>;
  /** Show the chart in a main-area tab; absent where that makes no sense (the tab itself). */
  openInMain?(plotter: PlotterModel, chart: ChartModel): void;
}

export interface CardActionRunnerOptions {
  plotter: PlotterModel;
  chart: ChartModel;
  view: ChartView;
  header: CardHeader;
  actions: ChartCardActions;
  trans: Translation;
}

export class CardActionRunner {
  constructor(private readonly options: CardActionRunnerOptions) {}

  async run(action: CardAction): Promise<void> {
    const { chart, plotter, view, actions } = this.options;
    switch (action) {
      case 'pause':
        chart.paused = !chart.paused;
        break;
      case 'clear':
        chart.clear();
        break;
      case 'zoom':
        await view.resetZoom();
        break;
      case 'png':
      case 'svg': {
        const url = await view.imageURL(action);
        if (url) {
          downloadURL(url, exportFileName(plotter.title, chart.name, action));
        }
        break;
      }
      case 'cells':
      case 'npy':
        await this._exportField(action);
        break;
      case 'csv':
      case 'json':
        await (view.fieldDataset === null ? this._export(action) : this._exportField(action));
        break;
      case 'main':
        actions.openInMain?.(plotter, chart);
        break;
      case 'stop':
        await this._stop();
        break;
    }
  }

  /** Downloads every row (read from the plot server), with progress on the message line. */
  private async _export(format: ExportFormat): Promise<void> {
    const { chart, plotter, header, actions, trans } = this.options;
    header.setEnabled(format, false);
    const label = format.toUpperCase();
    header.say(exportProgressText(label, null, trans));
    try {
      const result = await exportChart(
        format,
        chart.name,
        [...chart.datasets.values()],
        request => actions.fetchRows(plotter, request),
        (written, expected) => {
          const percent =
            expected > 0 ? Math.min(100, Math.floor((written / expected) * 100)) : 100;
          header.say(exportProgressText(label, percent, trans));
        }
      );
      downloadBlob(result.blob, exportFileName(plotter.title, chart.name, format));
      header.say(exportDoneText(result, trans));
    } catch (error) {
      console.error(`async-plotter: export of "${chart.name}" failed`, error);
      header.say(exportFailedText(error, trans));
    } finally {
      header.setEnabled(format, true);
    }
  }

  /**
   * Downloads a field's whole state (read from the plot server), every cell: the newest, or
   * the kept state its step slider shows.
   */
  private async _exportField(format: 'cells' | 'npy' | 'csv' | 'json'): Promise<void> {
    const { chart, plotter, view, header, actions, trans } = this.options;
    const dataset = view.fieldDataset;
    if (dataset === null) {
      return;
    }
    header.setEnabled(format, false);
    const label = format === 'cells' ? 'PNG' : format.toUpperCase();
    header.say(exportProgressText(label, null, trans));
    try {
      const state = await fetchFieldState(chart.name, dataset, view.fieldStep, request =>
        actions.fetchRows(plotter, request)
      );
      const name = (extension: string) => exportFileName(plotter.title, chart.name, extension);
      if (format === 'cells') {
        const url = view.fieldCellsURL(state);
        if (url === null) {
          throw new Error(trans.__('the chart has not drawn a state yet'));
        }
        downloadURL(url, name('png'));
      } else {
        const blob =
          format === 'npy' ? npyBlob(state) : format === 'csv' ? fieldCSV(state) : fieldJSON(state);
        downloadBlob(blob, name(format));
      }
      header.say(
        trans.__('Exported %1 × %2 cells (state %3)', state.width, state.height, state.version)
      );
    } catch (error) {
      console.error(`async-plotter: export of "${chart.name}" failed`, error);
      header.say(exportFailedText(error, trans));
    } finally {
      header.setEnabled(format, true);
    }
  }

  private async _stop(): Promise<void> {
    const { plotter, header, actions, trans } = this.options;
    header.setEnabled('stop', false);
    let accepted = false;
    try {
      accepted = await actions.stop(plotter);
    } catch (error) {
      console.warn(`async-plotter: stop of "${plotter.title}" got no answer`, error);
    }
    header.say(stopText(accepted, trans));
    header.setEnabled('stop', true);
  }
}
