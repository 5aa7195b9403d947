/** Downloads in Chromium, as a user's click starts them. */
import { test, type Locator, type Page } from '@playwright/test';

/** Clicks `card`'s button named `label` and saves what it downloads; the file's path. */
export async function download(page: Page, card: Locator, label: string): Promise<string> {
  const waiting = page.waitForEvent('download');
  await card.getByRole('button', { name: label }).click();
  const file = test.info().outputPath((await waiting).suggestedFilename());
  await (await waiting).saveAs(file);
  return file;
}
