// Runs in Chromium. Line chart holding `size` points; every frame replaces 1% of the window
// (oldest rows out, new rows in). Compares streaming with view.change on the named dataset (what
// the panel's ChartView does) with re-embedding the whole data per frame (plain vega-embed).
/* global vega, vegaEmbed */
const SPEC = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  data: { name: 'points' },
  mark: 'line',
  // As the panel's view-spec.ts draws a chart without a width: the container's width, axes
  // fitted again on every update.
  width: 'container',
  autosize: { type: 'fit-x', contains: 'padding', resize: true },
  height: 180,
  encoding: {
    x: { field: 'step', type: 'quantitative' },
    y: { field: 'loss', type: 'quantitative' }
  }
};
const OPTIONS = { actions: false, renderer: 'canvas' };

function row(step) {
  return { step, loss: Math.exp(-step / 4000) + 0.05 * Math.sin(step / 7) };
}

/** Frames until `maxFrames` or `budgetMs` is spent; returns per-update times and the rate. */
async function measure(update, maxFrames, budgetMs) {
  const times = [];
  const start = performance.now();
  while (times.length < maxFrames && performance.now() - start < budgetMs) {
    const t0 = performance.now();
    await update();
    times.push(performance.now() - t0);
    // Let the browser paint, as a live panel would between frames (counts in fps, not in time).
    await new Promise(resolve => requestAnimationFrame(() => resolve()));
  }
  const elapsed = performance.now() - start;
  times.sort((a, b) => a - b);
  return {
    frames: times.length,
    medianMs: times[Math.floor(times.length / 2)],
    p95Ms: times[Math.min(times.length - 1, Math.floor(times.length * 0.95))],
    fps: (times.length * 1000) / elapsed
  };
}

async function streaming(size, maxFrames, budgetMs) {
  const el = document.getElementById('chart');
  const rows = [];
  for (let i = 0; i < size; i++) {
    rows.push(row(i));
  }
  const result = await vegaEmbed(el, SPEC, OPTIONS);
  await result.view.change('points', vega.changeset().insert(rows)).runAsync();
  let next = size;
  const per = Math.max(1, Math.floor(size / 100));
  const stats = await measure(
    async () => {
      const removed = rows.splice(0, per);
      const inserted = [];
      for (let i = 0; i < per; i++) {
        inserted.push(row(next++));
      }
      rows.push(...inserted);
      await result.view
        .change('points', vega.changeset().remove(removed).insert(inserted))
        .runAsync();
    },
    maxFrames,
    budgetMs
  );
  result.finalize();
  el.replaceChildren();
  return stats;
}

async function reembedding(size, maxFrames, budgetMs) {
  const el = document.getElementById('chart');
  let rows = [];
  for (let i = 0; i < size; i++) {
    rows.push(row(i));
  }
  let next = size;
  const per = Math.max(1, Math.floor(size / 100));
  let result = null;
  const stats = await measure(
    async () => {
      rows = rows.slice(per);
      for (let i = 0; i < per; i++) {
        rows.push(row(next++));
      }
      result?.finalize();
      result = await vegaEmbed(el, { ...SPEC, data: { name: 'points', values: rows } }, OPTIONS);
    },
    maxFrames,
    budgetMs
  );
  result?.finalize();
  el.replaceChildren();
  return stats;
}

window.runBenchmark = async ({ sizes, maxFrames, budgetMs }) => {
  const out = [];
  for (const size of sizes) {
    out.push({ size, method: 'view.change', ...(await streaming(size, maxFrames, budgetMs)) });
    out.push({ size, method: 're-embed', ...(await reembedding(size, maxFrames, budgetMs)) });
  }
  return out;
};
