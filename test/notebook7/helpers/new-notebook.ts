/**
 * Opening a new notebook in Notebook 7 as a person does: the file browser of a folder (`/tree`),
 * New, a kernel by its display name; Notebook opens the notebook in a new browser tab.
 */
import { expect } from '@playwright/test';
import type { Page } from '@playwright/test';
import { kernelStatus } from './notebook-app';

/**
 * Opens the tree page of `folder` (relative to the server root), creates a notebook with the
 * kernel `kernel` from its New menu and resolves with the new tab once its kernel is idle.
 */
export async function newNotebook(page: Page, folder: string, kernel: string): Promise<Page> {
  await page.goto(`tree/${folder}`);
  const newMenu = page.locator('.jp-DropdownMenu').getByRole('menuitem', { name: 'New' });
  await newMenu.click();
  const [notebook] = await Promise.all([
    page.context().waitForEvent('page'),
    page.getByRole('menuitem', { name: kernel, exact: true }).click()
  ]);
  await expect(notebook).toHaveURL(/\/notebooks\/.*\.ipynb$/);
  await expect(notebook.locator('.jp-Notebook .jp-Cell').first()).toBeVisible({ timeout: 30_000 });
  await expect(notebook.locator('.jp-Toolbar-kernelName')).toHaveAttribute('aria-label', kernel);
  await expect.poll(() => kernelStatus(notebook), { timeout: 30_000 }).toBe('idle');
  return notebook;
}
