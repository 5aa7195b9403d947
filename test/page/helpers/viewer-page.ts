/** Locators and readings of the standalone viewer page. */
import { expect, type Locator, type Page } from '@playwright/test';
import { cardPointsNow, type CardTarget } from '../../support/card-points';

export const pageStatus = (page: Page): Locator => page.locator('.jp-AsyncPlotter-pageStatus');
export const chartCards = (page: Page): Locator => page.locator('.jp-AsyncPlotter-card');

function card(target: CardTarget): Locator {
  return 'goto' in target ? chartCards(target).first() : target;
}

/** The card of chart `name`. */
export const chartCard = (page: Page, name: string): Locator =>
  page.locator(`.jp-AsyncPlotter-card[data-chart="${name}"]`);

/** Rows the card's (default: the page's first) Vega view holds (what is drawn). */
export async function drawnRows(target: CardTarget): Promise<number> {
  const view = card(target).locator('.jp-AsyncPlotter-view');
  return Number((await view.getAttribute('data-rows')) ?? -1);
}

/**
 * What the card (default: the page's first) shows once the whole history is drawn: the rows
 * its Vega view holds, the rows the card says it shows (`data-shown`), how (`all` /
 * `decimated` / ...) and the x domain.
 */
export async function drawnState(
  target: CardTarget
): Promise<{ drawn: number; shown: number; shape: string; domain: number[] | null }> {
  const points = card(target).locator('.jp-AsyncPlotter-points');
  const view = card(target).locator('.jp-AsyncPlotter-view');
  const domain = await view.getAttribute('data-domain');
  return {
    drawn: await drawnRows(target),
    shown: Number((await points.getAttribute('data-shown')) ?? -1),
    shape: (await points.getAttribute('data-shape')) ?? '',
    domain: domain ? (JSON.parse(domain) as number[]) : null
  };
}

/**
 * Whether the card (default: the page's first) draws the whole history of `rows` rows (x from
 * 0 to `rows - 1`), from the first row to the last (decimated to the plot's width once there
 * are more rows than pixel columns can show), and says so: its shape (`all` or `decimated`)
 * when it does, else what it shows as JSON. The x scale is `nice`: its domain may reach a
 * little beyond the data.
 */
export async function wholeHistory(target: CardTarget, rows: number): Promise<string> {
  const { drawn, shown, shape, domain } = await drawnState(target);
  const spans = domain !== null && domain[0] <= 0 && domain[1] >= rows - 1;
  // Decimated holds every row while there are fewer than its pixel columns show (a busy
  // machine's short loop), and fewer once there are more.
  const counted = shape === 'all' ? drawn === rows : shape === 'decimated' && drawn <= rows;
  return drawn === shown && spans && counted
    ? shape
    : JSON.stringify({ drawn, shown, shape, domain });
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
    const points = await cardPointsNow(page);
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

/** A change of a chart card, as `recordCards` saw it happen (`at`: `Date.now()`). */
export type CardEvent = { chart: string; at: number } & (
  { points: number } | { status: string } | { problem: string }
);

/**
 * Starts recording, in the page, every change of every chart card's points, status and shown
 * problem, and of the page's status line (chart `''`, as `status`: its text), with the time it
 * happened: unlike samples taken from outside, a page too busy to answer quickly still has
 * every change counted. `cardLog` reads (and empties) the record.
 */
export async function recordCards(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log: unknown[] = [];
    (window as unknown as { cardLog: unknown[] }).cardLog = log;
    const observer = new MutationObserver(records => {
      const at = Date.now();
      for (const record of records) {
        const node = record.target as HTMLElement;
        if (node.classList.contains('jp-AsyncPlotter-pageStatus')) {
          log.push({ chart: '', at, status: node.textContent ?? '' });
          continue;
        }
        const card = node.closest<HTMLElement>('.jp-AsyncPlotter-card');
        const chart = card?.dataset.chart;
        if (card === null || chart === undefined) {
          continue;
        }
        if (record.attributeName === 'data-points') {
          log.push({ chart, at, points: Number(node.dataset.points) });
        } else if (record.attributeName === 'data-status' && node === card) {
          log.push({ chart, at, status: card.dataset.status ?? '' });
        } else if (node.classList.contains('jp-AsyncPlotter-problem')) {
          log.push({ chart, at, problem: node.hidden ? '' : (node.textContent ?? '') });
        }
      }
    });
    observer.observe(document.body, {
      subtree: true,
      attributes: true,
      attributeFilter: ['data-points', 'data-status', 'data-tone', 'data-problem', 'hidden']
    });
  });
}

/** What `recordCards` recorded since it started or since the last call. */
export function cardLog(page: Page): Promise<CardEvent[]> {
  return page.evaluate(() => {
    const log = (window as unknown as { cardLog?: CardEvent[] }).cardLog ?? [];
    return log.splice(0);
  });
}
