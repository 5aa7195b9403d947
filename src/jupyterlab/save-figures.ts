import type { ICodeCellModel } from '@jupyterlab/cells';
import type { DocumentRegistry } from '@jupyterlab/docregistry';
import type { INotebookModel, INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import type * as nbformat from '@jupyterlab/nbformat';
import { HANDLE_MIME_TYPE } from 'async-plotter/protocol';
import { withSavedFigure } from '../viewer/figure/saved-figure';
import type { FigureKeeper } from './figure-keeper';

type Bundle = Record<string, unknown>;

/** The takenAt a saved output's figure has, to skip rewriting an unchanged one. */
function savedTakenAt(metadata: Bundle): string | null {
  const figure = (metadata[HANDLE_MIME_TYPE] as { figure?: { takenAt?: unknown } } | undefined)
    ?.figure;
  return typeof figure?.takenAt === 'string' ? figure.takenAt : null;
}

/**
 * Writes each followed plotter's latest figure into its handle outputs in `model` (see
 * saved-figure.ts). An output whose plotter this page does not follow, or has no figure of
 * yet (a reopened notebook whose kernel is gone), keeps what it holds. Returns how many
 * outputs were written.
 */
export function writeFigures(model: INotebookModel, keeper: FigureKeeper, savedAt: Date): number {
  let written = 0;
  for (let c = 0; c < model.cells.length; c++) {
    const cell = model.cells.get(c);
    if (cell.type !== 'code') {
      continue;
    }
    const outputs = (cell as ICodeCellModel).outputs;
    for (let i = 0; i < outputs.length; i++) {
      const output = outputs.get(i);
      const handle = output.data[HANDLE_MIME_TYPE] as { id?: unknown; title?: unknown } | undefined;
      if (typeof handle?.id !== 'string') {
        continue;
      }
      const latest = keeper.cacheOf(handle.id)?.latest;
      if (!latest || latest.figure.charts.length + latest.figure.leftOut.length === 0) {
        continue;
      }
      const metadata = output.metadata as Bundle;
      if (savedTakenAt(metadata) === new Date(latest.figure.takenAt).toISOString()) {
        continue;
      }
      const title = typeof handle.title === 'string' ? handle.title : '';
      const saved = withSavedFigure(output.data as Bundle, metadata, title, latest, savedAt);
      outputs.set(i, { ...output.toJSON(), ...saved } as nbformat.IOutput);
      written++;
    }
  }
  return written;
}

/**
 * Every notebook's saves write the figures in: JupyterLab serializes the notebook right after
 * announcing the save ('started'), so the outputs are updated synchronously then.
 */
export function writeFiguresOnSave(notebooks: INotebookTracker, keeper: FigureKeeper): void {
  const onSave = (context: DocumentRegistry.IContext<INotebookModel>, state: string): void => {
    if (state === 'started' && !keeper.isDisposed) {
      writeFigures(context.model, keeper, new Date());
    }
  };
  const watch = (panel: NotebookPanel): void => {
    panel.context.saveState.connect(onSave);
  };
  notebooks.forEach(watch);
  notebooks.widgetAdded.connect((_, panel) => watch(panel));
}
