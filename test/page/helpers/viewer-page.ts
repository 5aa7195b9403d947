/** Locators and readings of the standalone viewer page. */
import { expect, type Locator, type Page } from '@playwright/test';

export const pageStatus = (page: Page): Locator => page.locator('.jp-AsyncPlotter-pageStatus');
export const chartCards = (page: Page): Locator => page.locator('.jp-AsyncPlotter-card');

/** Points the first chart card holds (its model), -1 before there is a card. */
export async function cardPoints(page: Page): Promise<number> {
  const points = page.locator('.jp-AsyncPlotter-card .jp-AsyncPlotter-points').first();
  if ((await points.count()) === 0) {
    return -1;
  }
  return Number((await points.getAttribute('data-points')) ?? -1);
}

/** Rows the first card's Vega view holds (what is drawn). */
export async function drawnRows(page: Page): Promise<number> {
  const view = page.locator('.jp-AsyncPlotter-card .jp-AsyncPlotter-view').first();
  return Number((await view.getAttribute('data-rows')) ?? -1);
}

/**
 * What the first card shows once the whole history is drawn: the rows its Vega view holds, the
 * rows the card says it shows (`data-shown`), how (`all` / `decimated` / ...) and the x domain.
 */
export async function drawnState(
  page: Page
): Promise<{ drawn: number; shown: number; shape: string; domain: number[] | null }> {
  const points = page.locator('.jp-AsyncPlotter-card .jp-AsyncPlotter-points').first();
  const view = page.locator('.jp-AsyncPlotter-card .jp-AsyncPlotter-view').first();
  const domain = await view.getAttribute('data-domain');
  return {
    drawn: await drawnRows(page),
    shown: Number((await points.getAttribute('data-shown')) ?? -1),
    shape: (await points.getAttribute('data-shape')) ?? '',
    domain: domain ? (JSON.parse(domain) as number[]) : null
  };
}

/** Waits until the page says it is live. */
export async function expectLive(page: Page): Promise<void> {
  await expect(pageStatus(page)).toHaveAttribute('data-tone', 'ok');
  await expect(pageStatus(page)).toContainText('Live');
}

/**
 * Samples the points of `page` every `everyMs` until `until` settles; resolves with the
 * samples taken while it was pending and what it resolved with.
 */
export async function sampleWhile<T>(
  page: Page,
  until: Promise<T>,
  everyMs = 150
): Promise<{ samples: number[]; result: T }> {
  let settled = false;
  const result = until.finally(() => (settled = true));
  const samples: number[] = [];
  while (!settled) {
    const points = await cardPoints(page);
    if (!settled) {
      samples.push(points);
    }
    await new Promise(resolve => setTimeout(resolve, everyMs));
  }
  return { samples, result: await result };
}

/** How many times the samples grew strictly between 0 and `total`. */
export function growthsBelow(samples: number[], total: number): number {
  let growths = 0;
  for (let i = 1; i < samples.length; i++) {
    if (samples[i] > samples[i - 1] && samples[i] > 0 && samples[i] < total) {
      growths++;
    }
  }
  return growths;
}
