/** The soak's measurements: samples, their slopes, and a table of the curve. */
import { readdirSync, readFileSync } from 'node:fs';

export interface Sample {
  /** Minutes since the stream started. */
  minute: number;
  kernelRssMb: number;
  workerMb: number;
  fds: number;
  browserHeapMb: number;
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

/** A Markdown table of the samples (every `every`-th), for the README. */
export function table(samples: Sample[], every = 1): string {
  const rows = samples.filter((_, k) => k % every === 0 || k === samples.length - 1);
  const lines = [
    '| minute | kernel RSS (MB) | worker heap (MB) | kernel fds | browser heap (MB) |',
    '| -----: | --------------: | ---------------: | ---------: | ----------------: |',
    ...rows.map(
      s =>
        `| ${s.minute.toFixed(1)} | ${s.kernelRssMb.toFixed(1)} | ${s.workerMb.toFixed(1)} | ${s.fds} | ${s.browserHeapMb.toFixed(1)} |`
    )
  ];
  return lines.join('\n');
}
