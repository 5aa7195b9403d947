/**
 * Reading how many points a chart card holds, for the page tests (test/page), the JupyterLab
 * tests (test/ui, test/remote) and the browser benchmarks. Every card shows its model's row
 * count in the `data-points` attribute of its `.jp-AsyncPlotter-points` badge; this is the one
 * reader of it. `cardPoints` waits for the badge (Playwright's own wait) and says -1 while it
 * has no attribute; `cardPointsNow` answers at once, -1 while there is no badge (no card yet),
 * for polls and loops that sample a card that may still be missing. Type imports only, so the
 * module loads wherever Playwright locators are handed to it.
 */
import type { Locator, Page } from '@playwright/test';

/** A card: the one given, or a page's first. */
export type CardTarget = Page | Locator;

function badge(target: CardTarget): Locator {
  const card = 'goto' in target ? target.locator('.jp-AsyncPlotter-card').first() : target;
  return card.locator('.jp-AsyncPlotter-points');
}

/** Rows held by the card's model (`data-points`); waits for the badge, -1 while it has none. */
export async function cardPoints(target: CardTarget): Promise<number> {
  const value = await badge(target).getAttribute('data-points');
  return value === null ? -1 : Number(value);
}

/** Rows held by the card's model (`data-points`) now: -1 while the card (its badge) is missing. */
export async function cardPointsNow(target: CardTarget): Promise<number> {
  const points = badge(target);
  if ((await points.count()) === 0) {
    return -1;
  }
  return Number((await points.first().getAttribute('data-points')) ?? -1);
}
