/**
 * Dashboards in the viewer page: one script with many line charts (6, 16, 64), or one chart
 * whose rows have 12 numeric fields, pushing a row into every chart each iteration of a ~1 µs
 * synchronous loop (test/page/fixtures/dashboard.ts). Every card is connected, none meets a
 * message it cannot read, every card's points grow while the loop runs (cards scrolled out of
 * view too: the count is the model's), and at the end every chart is exact: all its rows
 * counted and its whole history drawn once it is scrolled into view.
 */
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Runtime } from '../support/runtimes';
import { connect, type TestViewer } from '../support/socket-viewer';
import { killScripts, startScript } from '../support/stream-script';
import {
  chartCard,
  cardLog,
  chartCards,
  expectLive,
  pageStatus,
  recordCards,
  wholeHistory,
  type CardEvent
} from './helpers/viewer-page';

const SCREENS = fileURLToPath(new URL('../../.scratch/screens/', import.meta.url));
/**
 * Long enough for a loaded 2-core machine to deliver several frames to every card (64 charts:
 * a frame every 2-3 s there).
 */
const loopMs = (charts: number): number => (charts > 16 ? 12_000 : 8000);

/** What dashboard.ts prints when its loop has ended. */
interface Done {
  rows: number;
  charts: Record<string, { rows: number; last: Record<string, number> }>;
}

/** One card as a sample reads it. */
interface CardReading {
  points: number;
  status: string;
  problem: string;
}

/** Every card's points, status and problem text, read at once. */
function readCards(page: Page): Promise<Record<string, CardReading>> {
  return page.evaluate(() => {
    const cards: Record<string, { points: number; status: string; problem: string }> = {};
    for (const card of document.querySelectorAll<HTMLElement>('.jp-AsyncPlotter-card')) {
      const points = card.querySelector<HTMLElement>('.jp-AsyncPlotter-points');
      const problem = card.querySelector<HTMLElement>('.jp-AsyncPlotter-problem');
      cards[card.dataset.chart ?? '?'] = {
        points: Number(points?.dataset.points ?? -1),
        status: card.dataset.status ?? '',
        problem: problem && !problem.hidden ? (problem.textContent ?? '') : ''
      };
    }
    return cards;
  });
}

/**
 * Per chart, how often its points grew strictly between 0 and `rows` within [from, to], the
 * points it showed then, and the longest time in [from, to] without growth.
 */
function growthsOf(
  log: CardEvent[],
  chart: string,
  rows: number,
  from: number,
  to: number
): { growths: number; seen: number[]; longestWaitMs: number } {
  let last = 0;
  let lastAt = from;
  let longestWaitMs = 0;
  const seen: number[] = [];
  for (const event of log) {
    if (event.chart !== chart || !('points' in event) || event.at < from || event.at > to) {
      continue;
    }
    if (event.points > last && event.points < rows) {
      seen.push(event.points);
      longestWaitMs = Math.max(longestWaitMs, event.at - lastAt);
      lastAt = event.at;
    }
    last = Math.max(last, event.points);
  }
  longestWaitMs = Math.max(longestWaitMs, to - lastAt);
  return { growths: seen.length, seen, longestWaitMs };
}

interface Case {
  runtime: Runtime;
  /** Line charts c00, c01, ... */
  charts: number;
  /** One more chart, `wide`, with 12 numeric fields per row. */
  wide: boolean;
  what: string;
  screenshot?: string;
}

const CASES: Case[] = [
  { runtime: 'node', charts: 6, wide: false, what: '6 line charts' },
  { runtime: 'node', charts: 16, wide: false, what: '16 line charts', screenshot: 'dashboard-16' },
  { runtime: 'node', charts: 64, wide: false, what: '64 line charts' },
  { runtime: 'node', charts: 0, wide: true, what: 'one chart with 12 numeric fields' },
  { runtime: 'deno', charts: 16, wide: false, what: '16 line charts' },
  { runtime: 'deno', charts: 0, wide: true, what: 'one chart with 12 numeric fields' }
];

test.afterEach(() => killScripts());

for (const one of CASES) {
  test(`${one.runtime}: a dashboard of ${one.what} is live in every card and exact at the end`, async ({
    page
  }, testInfo) => {
    test.setTimeout(one.charts > 16 ? 240_000 : 150_000);
    const title = `dashboard ${one.runtime} ${one.charts}${one.wide ? ' wide' : ''}`;
    const script = await startScript<Done>(title, {
      runtime: one.runtime,
      fixture: 'dashboard.ts',
      options: { charts: one.charts, wide: one.wide, loopMs: loopMs(one.charts), stepUs: 1 }
    });
    const names = [
      ...Array.from({ length: one.charts }, (_, k) => `c${String(k).padStart(2, '0')}`),
      ...(one.wide ? ['wide'] : [])
    ];

    await page.goto(script.viewerUrl);
    await expectLive(page);
    await expect(chartCards(page)).toHaveCount(names.length);
    const before = await readCards(page);
    expect(Object.keys(before).sort()).toEqual([...names].sort());
    await expect
      .poll(async () =>
        Object.entries(await readCards(page))
          .filter(([, card]) => card.status !== 'connected' || card.problem !== '')
          .map(([name, card]) => `${name}: ${card.status} ${card.problem}`)
      )
      .toEqual([]);

    // A socket.io-client viewer beside the page: the wide chart's 12 fields all cross the wire.
    let viewer: TestViewer | null = null;
    if (one.wide) {
      viewer = await connect(script.handle, {
        name: 'dashboard',
        plotSize: { width: 600, height: 300 }
      });
    }

    await recordCards(page);
    const goAt = Date.now();
    const done = await script.runFully();
    const doneAt = Date.now();
    const log = await cardLog(page);
    const rows = done.rows;
    expect(rows, 'rows per chart: more than the plot has pixel columns').toBeGreaterThan(10_000);
    for (const name of names) {
      expect(done.charts[name].rows).toBe(rows);
    }
    const growths: Record<string, ReturnType<typeof growthsOf>> = {};
    for (const name of names) {
      growths[name] = growthsOf(log, name, rows, goAt, doneAt);
    }
    const counts = names.map(name => growths[name].growths);
    const waits = names.map(name => growths[name].longestWaitMs);
    await testInfo.attach('growths', {
      body: JSON.stringify({ rows, loopMs: doneAt - goAt, growths }, null, 1),
      contentType: 'application/json'
    });
    console.log(
      `${title}: ${rows} rows per chart in ${doneAt - goAt} ms; each card grew ` +
        `${Math.min(...counts)}-${Math.max(...counts)} times (longest wait ` +
        `${Math.min(...waits)}-${Math.max(...waits)} ms); ${names[0]}: ${growths[names[0]].seen.join(' ')}`
    );
    // Live, or at worst waiting for news on a loaded machine: never a lost or unreadable link.
    const troubles = log.filter(
      event =>
        ('problem' in event && event.problem !== '') ||
        ('status' in event &&
          (event.chart === ''
            ? !/^(Live|Connected, but no news)/.test(event.status)
            : !['connected', 'stalled'].includes(event.status)))
    );
    expect(troubles, 'the link while the loop ran').toEqual([]);
    expect(
      names
        .filter(name => growths[name].growths < 2)
        .map(name => `${name}: ${growths[name].seen.join(' ')}`),
      `cards whose points grew fewer than twice during the loop (of ${rows})`
    ).toEqual([]);

    // Exact at the end: every card counts every row...
    await expect
      .poll(async () =>
        Object.entries(await readCards(page))
          .filter(([, card]) => card.points !== rows || card.status !== 'connected')
          .map(([name, card]) => `${name}: ${card.points} ${card.status}`)
      )
      .toEqual([]);
    // ...and draws the whole history once it is in view.
    const drawMs: number[] = [];
    for (const name of names) {
      const card = chartCard(page, name);
      const shown = Date.now();
      await card.scrollIntoViewIfNeeded();
      await expect
        .poll(() => wholeHistory(card, rows), { message: `chart ${name}`, intervals: [50] })
        .toMatch(/^(all|decimated)$/);
      drawMs.push(Date.now() - shown);
      if (name !== 'wide') {
        // A plain line chart: its rows are painted by the line layer, not by Vega.
        await expect(card.locator('.jp-AsyncPlotter-view')).toHaveAttribute(
          'data-line-layer',
          'true'
        );
      }
    }
    drawMs.sort((a, b) => a - b);
    console.log(
      `${title}: a card scrolled into view at the end drew its whole history in ` +
        `${drawMs[0]}-${drawMs[drawMs.length - 1]} ms (median ${drawMs[drawMs.length >> 1]})`
    );

    if (viewer !== null) {
      const view = viewer;
      const last = done.charts.wide.last;
      const lastRow = () => view.rows('wide').at(-1);
      await view.waitFor(
        () =>
          view.charts.get('wide')?.datasets.get('data')?.total === rows &&
          lastRow()?.step === rows - 1,
        'the wide chart at its last row'
      );
      expect(Object.keys(last)).toHaveLength(12);
      expect(lastRow()).toEqual(last);
      view.close();
    }

    if (one.screenshot !== undefined) {
      await saveScreenshot(page, testInfo, one.screenshot);
    }

    script.close();
    await expect(pageStatus(page)).toContainText('The script has finished');
    expect(await script.exited()).toBe(0);
    // The record saw the link end, as it would have seen it lost or unreadable.
    const ended = await cardLog(page);
    expect(
      ended.some(event => event.chart === '' && 'status' in event && /finished/.test(event.status))
    ).toBe(true);
    const told = new Set(
      ended.flatMap(event => ('problem' in event && event.problem ? [event.chart] : []))
    );
    expect([...told].sort()).toEqual([...names].sort());
    expect(
      Object.entries(await readCards(page))
        .filter(([, card]) => card.points !== rows)
        .map(([name, card]) => `${name}: ${card.points}`)
    ).toEqual([]);
  });
}

/** The whole page as a test attachment and as .scratch/screens/<name>.png. */
async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(500);
  const shot = await page.screenshot({ fullPage: true });
  await testInfo.attach(name, { body: shot, contentType: 'image/png' });
  mkdirSync(SCREENS, { recursive: true });
  writeFileSync(`${SCREENS}${name}.png`, shot);
}
