/**
 * The computing thread under attack (one command: `node --import tsx bench/hostile/run.ts`,
 * part of `npm run bench`): each attack of test/integration/hostile runs for BENCH_ATTACK_MS
 * (default 3000) against a computation that keeps pushing, between a stretch before and one
 * after without it, BENCH_REPS times (default 3). The figure is the on-CPU time of the
 * computing thread per block under attack over the same without it, in the same siege.
 * Asserts the median ratio of each attack is at most CPU_BOUND (1.25) and prints medians with
 * their spread; writes bench/results/hostile.json. Each siege also checks that a viewer gets
 * the exact final state afterwards.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import process from 'node:process';
import {
  badHandshakes,
  blindAcknowledgements,
  malformedEvents,
  malformedPackets,
  midFrameDrops,
  silentViewers,
  stopFlood,
  timed,
  type Budget
} from '../../test/integration/hostile/attacks.ts';
import { Computation } from '../../test/integration/hostile/computation.ts';
import { besiege, CPU_BOUND } from '../../test/integration/hostile/siege.ts';
import { median, spread } from '../kernel-client/stats.ts';

const REPS = Number(process.env.BENCH_REPS ?? 3);
const ATTACK_MS = Number(process.env.BENCH_ATTACK_MS ?? 3000);

const attacks: [string, (computation: Computation, budget: Budget) => Promise<unknown>][] = [
  ['malformed packets', malformedPackets],
  ['malformed events', malformedEvents],
  ['stop flood', stopFlood],
  ['bad handshakes', badHandshakes],
  ['viewers that never read', blindAcknowledgements],
  ['viewers that never acknowledge', silentViewers],
  ['drops mid-frame', midFrameDrops]
];

interface Siege {
  baselineMs: number;
  attackMs: number;
  ratio: number;
}

console.log(
  `# the computing thread under attack: ${REPS} sieges of ${ATTACK_MS / 1000} s per attack, ` +
    'on-CPU ms per block'
);
const computation = await Computation.start();
const runs = new Map<string, Siege[]>();
try {
  for (let rep = 0; rep < REPS; rep++) {
    for (const [name, attack] of attacks) {
      const result = await besiege(computation, `${name} ${rep}`, () =>
        attack(computation, timed(ATTACK_MS))
      );
      const siege = {
        baselineMs: result.baselineMs,
        attackMs: result.attackMs,
        ratio: result.attackMs / result.baselineMs
      };
      runs.set(name, [...(runs.get(name) ?? []), siege]);
    }
  }
} finally {
  await computation.close();
}

const table = attacks.map(([name]) => {
  const sieges = runs.get(name) ?? [];
  const ratios = sieges.map(siege => siege.ratio);
  return {
    attack: name,
    'ms/block without': +median(sieges.map(siege => siege.baselineMs)).toFixed(2),
    'ms/block under attack': +median(sieges.map(siege => siege.attackMs)).toFixed(2),
    'ratio (median)': +median(ratios).toFixed(3),
    'ratio (min-max)': spread(ratios, 3)
  };
});
console.table(table);

const checks: [string, boolean][] = table.map(row => [
  `${row.attack}: computing thread within ${CPU_BOUND}x its time without the attack (median)`,
  row['ratio (median)'] <= CPU_BOUND
]);
for (const [what, ok] of checks) {
  console.log(`${ok ? 'met' : 'NOT MET'}: ${what}`);
}

const out = resolve(import.meta.dirname, '../results');
mkdirSync(out, { recursive: true });
writeFileSync(
  resolve(out, 'hostile.json'),
  JSON.stringify(
    {
      date: new Date().toISOString(),
      machine: `${cpus().length} cores, ${cpus()[0]?.model ?? ''}, Node ${process.versions.node}`,
      attackMs: ATTACK_MS,
      table,
      checks: Object.fromEntries(checks),
      runs: Object.fromEntries(runs)
    },
    null,
    2
  )
);
process.exitCode = checks.every(([, ok]) => ok) ? 0 : 1;
