/** Test signals for the decimation's pixel exactness: shapes that a careless decimation breaks. */
import { random } from '../unit/kernel-client/decimation/stored-rows.ts';

export type SignalName = 'noise' | 'steps' | 'spikes' | 'gaps';

/** `n` rows `[x, y]` with x = the row index; y NaN where the line has a gap. */
export function signal(name: SignalName, n: number, seed = 1): number[][] {
  const next = random(seed);
  const rows: number[][] = new Array(n);
  let walk = 0;
  let level = 0;
  let gap = 0;
  for (let i = 0; i < n; i++) {
    walk += next() - 0.5;
    let y: number;
    switch (name) {
      case 'noise':
        y = walk + (next() - 0.5) * 8;
        break;
      case 'steps':
        if (next() < 20 / n) {
          level = Math.round((next() - 0.5) * 20);
        }
        y = level;
        break;
      case 'spikes':
        y = next() < 5 / n ? (next() - 0.5) * 100 : Math.sin(i / (n / 7)) + (next() - 0.5) * 0.01;
        break;
      case 'gaps':
        if (gap === 0 && next() < 12 / n) {
          gap = Math.floor(n / 200 + next() * (n / 100));
        }
        y = gap > 0 ? NaN : walk;
        gap = Math.max(0, gap - 1);
        break;
    }
    rows[i] = [i, y];
  }
  rows[Math.floor(n / 3)][1] = name === 'gaps' ? NaN : rows[Math.floor(n / 3)][1];
  return rows;
}
