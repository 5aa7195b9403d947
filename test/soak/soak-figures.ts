/** The soak's measurements: samples, their slopes, and a table of the curve. */
import { readdirSync, readFileSync } from 'node:fs';

export interface Sample {
  /** Minutes since the stream started. */
  minute: number;
  kernelRssMb: number;
  workerMb: number;
  fds: number;
  browserHeapMb: number;
  /** Which load of the JupyterLab page the browser heap was read from (0, then 1 after a reload…). */
  pageLoad: number;
  /** Minutes since that load of the page. */
  pageMinute: number;
}

/** The kernel process's open file descriptors. */
export function openFds(pid: number): number {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** The last line the kernel appended to the samples file. */
export function lastKernelSample(
  file: string
): { rss: number; worker: number; pid: number } | null {
  const lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean);
  return lines.length === 0
    ? null
    : (JSON.parse(lines[lines.length - 1]) as { rss: number; worker: number; pid: number });
}

/** Least-squares slope of `y` over `x`. */
export function slope(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let k = 0; k < n; k++) {
    num += (x[k] - mx) * (y[k] - my);
    den += (x[k] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Slope per 10 minutes of one measure over the samples after `warmUpMinutes`. */
export function slopePer10Minutes(
  samples: Sample[],
  warmUpMinutes: number,
  pick: (sample: Sample) => number
): number {
  const warm = samples.filter(sample => sample.minute >= warmUpMinutes);
  return (
    slope(
      warm.map(sample => sample.minute),
      warm.map(pick)
    ) * 10
  );
}

/**
 * Slope per 10 minutes of the JupyterLab page's heap within each load of the page, pooled over
 * the loads (each load its own intercept: a reload starts a fresh heap, which is no leak and no
 * release), from `warmUpMinutes` after each load on.
 */
export function pageHeapSlopePer10Minutes(samples: Sample[], warmUpMinutes: number): number {
  let num = 0;
  let den = 0;
  const loads = new Set(samples.map(sample => sample.pageLoad));
  for (const load of loads) {
    const warm = samples.filter(s => s.pageLoad === load && s.pageMinute >= warmUpMinutes);
    if (warm.length < 2) {
      continue;
    }
    const mx = warm.reduce((a, s) => a + s.pageMinute, 0) / warm.length;
    const my = warm.reduce((a, s) => a + s.browserHeapMb, 0) / warm.length;
    for (const s of warm) {
      num += (s.pageMinute - mx) * (s.browserHeapMb - my);
      den += (s.pageMinute - mx) ** 2;
    }
  }
  return den === 0 ? 0 : (num / den) * 10;
}

/** A Markdown table of the samples (every `every`-th), for the README. */
export function table(samples: Sample[], every = 1): string {
  const rows = samples.filter((_, k) => k % every === 0 || k === samples.length - 1);
  const lines = [
    '| minute | kernel RSS (MB) | worker heap (MB) | kernel fds | browser heap (MB) | page load |',
    '| -----: | --------------: | ---------------: | ---------: | ----------------: | --------: |',
    ...rows.map(
      s =>
        `| ${s.minute.toFixed(1)} | ${s.kernelRssMb.toFixed(1)} | ${s.workerMb.toFixed(1)} | ${s.fds} | ${s.browserHeapMb.toFixed(1)} | ${s.pageLoad} |`
    )
  ];
  return lines.join('\n');
}
