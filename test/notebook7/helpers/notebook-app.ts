/**
 * What these tests read of Notebook 7's application global (`window.jupyterapp`, which the
 * host's frontend sets): the current notebook's kernel, and which plugins are active.
 */
import type { Page } from '@playwright/test';

interface NotebookWindow {
  jupyterapp?: {
    listPlugins(): string[];
    isPluginActivated(id: string): boolean;
    shell: {
      currentWidget: {
        sessionContext?: { session?: { kernel?: { status: string } | null } | null };
      } | null;
    };
  };
}

/** The status of the kernel of the notebook a Notebook 7 page shows, or '' before it has one. */
export function kernelStatus(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      (window as unknown as NotebookWindow).jupyterapp?.shell.currentWidget?.sessionContext?.session
        ?.kernel?.status ?? ''
  );
}

/** The plugins whose id starts with `prefix`, each with whether it is active. */
export function pluginStates(page: Page, prefix: string): Promise<Record<string, boolean>> {
  return page.evaluate(prefix => {
    const app = (window as unknown as NotebookWindow).jupyterapp;
    const ids = (app?.listPlugins() ?? []).filter(id => id.startsWith(prefix));
    return Object.fromEntries(ids.map(id => [id, app?.isPluginActivated(id) ?? false]));
  }, prefix);
}
