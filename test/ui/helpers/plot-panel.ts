import { expect } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';

/** The side panel as the extension exposes it to users and to these tests. */
export function plotPanel(page: Page): Locator {
  return page.locator('#jupyterlab-async-plotter-panel');
}

/** The card of one chart in the side panel. */
export function chartCard(page: Page, chart: string): Locator {
  return plotPanel(page).locator(`.jp-AsyncPlotter-card[data-chart="${chart}"]`);
}

/** The card of a plotter that has no chart yet (it says how its link is doing). */
export function plotterCard(page: Page, title: string): Locator {
  return plotPanel(page).locator(
    `.jp-AsyncPlotter-plotterCard[data-plotter=${JSON.stringify(title)}]`
  );
}

/** The section of the panel with the plotters connected by URL and token. */
export function connectedSection(page: Page): Locator {
  return plotPanel(page).locator('.jp-AsyncPlotter-section[data-section="connected"]');
}

/** Runs a command from the command palette, typing its label and pressing Enter. */
export async function runFromPalette(page: Page, label: string): Promise<void> {
  await page.keyboard.press('Control+Shift+C');
  const palette = page.locator('#command-palette');
  await expect(palette).toBeVisible();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(label);
  await expect(palette.locator('.lm-CommandPalette-item.lm-mod-active')).toContainText(label);
  await page.keyboard.press('Enter');
}

/** Runs "Connect to a Plotter…" from the palette; returns its dialog, URL field focused. */
export async function openConnectDialog(page: Page): Promise<Locator> {
  await runFromPalette(page, 'Connect to a Plotter…');
  const dialog = page.locator('.jp-Dialog', { has: page.locator('.jp-AsyncPlotter-connectForm') });
  await expect(dialog.locator('.jp-Dialog-header')).toHaveText('Connect to a Plotter');
  await expect(dialog.getByLabel('Plotter URL')).toBeFocused();
  return dialog;
}

/** Fills the fields of the connect dialog. */
export async function fillConnectDialog(
  dialog: Locator,
  server: { url: string; token: string; title?: string }
): Promise<void> {
  await dialog.getByLabel('Plotter URL').fill(server.url);
  await dialog.getByLabel('Token').fill(server.token);
  await dialog.getByLabel('Title (optional)').fill(server.title ?? '');
}

/** The accept button of the connect dialog. */
export function connectButton(dialog: Locator): Locator {
  return dialog.getByRole('button', { name: 'Connect', exact: true });
}

/**
 * Runs "Connect to a Plotter…" from the palette, fills its dialog and connects; `screenshot`
 * saves the filled dialog. Resolves once the dialog is closed.
 */
export async function connectFromPalette(
  page: Page,
  server: { url: string; token: string; title?: string },
  screenshot?: string
): Promise<void> {
  const dialog = await openConnectDialog(page);
  await fillConnectDialog(dialog, server);
  if (screenshot) {
    await dialog.locator('.jp-Dialog-content').screenshot({ path: screenshot });
  }
  await connectButton(dialog).click();
  await expect(page.locator('.jp-AsyncPlotter-connectForm')).toHaveCount(0);
}

/** The input prompt of the notebook cell at `index` (`[*]` while it runs). */
export function cellPrompt(page: Page, index: number): Locator {
  return page.locator('.jp-Notebook .jp-Cell').nth(index).locator('.jp-InputPrompt');
}

/** Whether the notebook cell at `index` is executing (its prompt shows `[*]`). */
export async function isCellRunning(page: Page, index: number): Promise<boolean> {
  return ((await cellPrompt(page, index).textContent()) ?? '').includes('*');
}

/** Waits until the cell at `index` has finished executing; returns the time it took. */
export async function waitForCellToFinish(
  page: Page,
  index: number,
  timeoutMs: number
): Promise<number> {
  const start = Date.now();
  while (await isCellRunning(page, index)) {
    if (Date.now() - start > timeoutMs) {
      throw new Error(`cell ${index} still running after ${timeoutMs} ms`);
    }
    await page.waitForTimeout(25);
  }
  return Date.now() - start;
}

/** The text of the cell's outputs. */
export async function cellOutputText(page: Page, index: number): Promise<string> {
  const output = page.locator('.jp-Notebook .jp-Cell').nth(index).locator('.jp-OutputArea-output');
  return (await output.allTextContents()).join('\n');
}
