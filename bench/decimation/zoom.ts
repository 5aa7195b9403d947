/**
 * How soon a zoom brings its rows: a plotter in this process holds 200,000 rows of a line chart
 * (nothing pushed any more), a socket.io viewer of 800 px reports a zoom on 300 of them, and the
 * time from the report until the viewer holds every row of the zoomed domain is taken (polled
 * every millisecond), for `zooms` zooms on different domains (back to the whole range between
 * them).
 */
import { line, open } from 'async-plotter';
import type { ChartViewport } from 'async-plotter/protocol';
import { connect } from '../../test/support/socket-viewer.ts';
import { median, percentile, spread } from '../kernel-client/stats.ts';

export interface ZoomResult {
  zooms: number;
  /** ms from the viewport report until the viewer holds every row of the zoomed domain. */
  medianMs: number;
  p90Ms: number;
  spread: string;
}

const ROWS = 200_000;
const SIZE = { width: 800, height: 180 };

export async function zoomLatency(zooms = 20): Promise<ZoomResult> {
  const plotter = await open({ title: 'bench-zoom', display: false });
  try {
    const chart = plotter.chart('c', line({ x: 'step', y: 'loss' }));
    for (let step = 0; step < ROWS; step++) {
      chart.push({ step, loss: Math.sin(step / 1000) });
    }
    const viewer = await connect(plotter.handle, { name: 'zoomer', plotSize: SIZE });
    const rows = () => viewer.charts.get('c')?.datasets.get('data')?.rows ?? [];
    await viewer.waitFor(
      () => viewer.charts.get('c')?.datasets.get('data')?.kept === ROWS,
      'the snapshot'
    );
    const fitted: ChartViewport = {
      chart: 'c',
      x: { type: 'linear', domain: [0, ROWS], range: [0, SIZE.width] },
      y: null,
      zoomed: false
    };
    const took: number[] = [];
    for (let zoom = 0; zoom < zooms; zoom++) {
      const from = 1000 + zoom * 9000;
      const to = from + 300;
      const asked = Date.now();
      viewer.socket.emit('viewport', {
        ...fitted,
        x: { ...fitted.x, domain: [from, to] },
        zoomed: true
      });
      const inside = () =>
        rows().filter(row => (row.step as number) >= from && (row.step as number) < to).length;
      while (inside() < to - from) {
        if (Date.now() - asked > 10_000) {
          throw new Error(`the rows of ${from}..${to} did not come within 10 s`);
        }
        await new Promise(resolve => setTimeout(resolve, 1));
      }
      took.push(Date.now() - asked);
      viewer.socket.emit('viewport', fitted);
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    viewer.close();
    return {
      zooms,
      medianMs: median(took),
      p90Ms: percentile(took, 90),
      spread: spread(took, 0)
    };
  } finally {
    await plotter.close({ timeoutMs: 200 });
  }
}
