import type { Locator } from '@playwright/test';

/** One reading of a card, taken inside the page. */
export interface LiveSample {
  /** `Date.now()` in the page. */
  at: number;
  /** The card's points (`data-points`), -1 before it shows any. */
  points: number;
  /** Whether the watched cell ran (its prompt showed `[*]`), `null` when no cell is watched. */
  running: boolean | null;
}

/**
 * Starts reading a card's points every `everyMs` inside its page, and, given a cell's input
 * prompt, whether that cell runs. A page busy drawing answers the test's own round trips slowly
 * (a few a second on a loaded machine), but its timers keep time: what the user sees is read at
 * the pace the user sees it. Resolves with a function that stops the readings and returns them.
 */
export async function recordCard(
  card: Locator,
  prompt?: Locator,
  everyMs = 200
): Promise<() => Promise<LiveSample[]>> {
  const key = `asyncPlotterRecord${Date.now()}${Math.round(Math.random() * 1e6)}`;
  const promptNode = prompt ? await prompt.elementHandle() : null;
  await card.evaluate(
    (node, { key, everyMs, promptNode }) => {
      const samples: LiveSample[] = [];
      const read = () => {
        const points = node.querySelector('.jp-AsyncPlotter-points')?.getAttribute('data-points');
        samples.push({
          at: Date.now(),
          points: points === null || points === undefined ? -1 : Number(points),
          running: promptNode ? (promptNode.textContent ?? '').includes('*') : null
        });
      };
      read();
      const timer = setInterval(read, everyMs);
      (window as unknown as Record<string, unknown>)[key] = { samples, timer };
    },
    { key, everyMs, promptNode }
  );
  return () =>
    card.evaluate((_, key) => {
      const store = window as unknown as Record<string, { samples: LiveSample[]; timer: number }>;
      const { samples, timer } = store[key];
      clearInterval(timer);
      delete store[key];
      return samples;
    }, key);
}

/** How many readings showed more points than the one before. */
export function increases(points: number[]): number {
  return points.filter((n, i) => i > 0 && n > points[i - 1]).length;
}
