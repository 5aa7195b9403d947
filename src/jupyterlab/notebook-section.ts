import { PathExt } from '@jupyterlab/coreutils';
import type { INotebookTracker } from '@jupyterlab/notebook';
import type { Widget } from '@lumino/widgets';
import type { SectionInfo } from '../viewer/views/section-info';

/**
 * The panel section of a widget inside a notebook (the notebook's path, its file name as the
 * heading), or null outside any notebook `notebooks` tracks.
 */
export function notebookSection(
  notebooks: INotebookTracker | null
): (widget: Widget) => SectionInfo | null {
  return widget => {
    for (let w: Widget | null = widget; w; w = w.parent) {
      const notebook = notebooks?.find(panel => panel === w);
      if (notebook) {
        const path = notebook.context.path;
        return { key: path, label: PathExt.basename(path) };
      }
    }
    return null;
  };
}
