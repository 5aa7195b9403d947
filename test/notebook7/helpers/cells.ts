/** The cells of a notebook in Notebook 7: entering code and running it as a person does. */
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The cell at `index` of the notebook. */
export function cell(page: Page, index: number): Locator {
  return page.locator('.jp-Notebook .jp-Cell').nth(index);
}

/** The output area of the cell at `index`. */
export function cellOutput(page: Page, index: number): Locator {
  return cell(page, index).locator('.jp-OutputArea');
}

/** Whether the cell at `index` runs: its prompt says `[*]`. */
export async function isCellRunning(page: Page, index: number): Promise<boolean> {
  return (await cell(page, index).locator('.jp-InputPrompt').innerText()).includes('*');
}

/**
 * Types `code` into the cell at `index` (as one insertion, as a paste does: no brackets closed or
 * lines indented by the editor) and runs it with Shift+Enter; resolves once it runs.
 */
export async function runCell(page: Page, index: number, code: string): Promise<void> {
  const editor = cell(page, index).locator('.cm-content');
  await editor.click();
  await page.keyboard.insertText(code);
  await expect(editor).toContainText(code.split('\n')[0]);
  await page.keyboard.press('Shift+Enter');
  await expect.poll(() => isCellRunning(page, index)).toBe(true);
}
