/**
 * Where the machine's cores go during a benchmark (Linux `/proc`): the CPU time of the script's
 * computing thread (its main thread), of its busiest other thread (the plot server's worker), of
 * Chromium's processes together, and of the whole machine, as shares of one core. On a machine
 * whose cores are all busy these shares, not the plotter's code, set the frame rate.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface CpuShares {
  /** The script's computing thread (% of a core). */
  computing: number;
  /** The script's busiest other thread: the plot worker (% of a core). */
  worker: number;
  /** Every Chromium process (% of a core). */
  browser: number;
  /** The whole machine, idle excluded (% of a core; 100 per core at most). */
  machine: number;
}

/** Ticks of user + system time of every thread of `pid`, by thread id. */
function threadTicks(pid: number): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(Number(tid), Number(fields[11]) + Number(fields[12]));
    } catch {
      // the thread ended
    }
  }
  return ticks;
}

function browserTicks(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter(name => /^\d+$/.test(name))) {
    try {
      // Chromium rewrites its children's command lines: the executable is the first word.
      const executable = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/)[0];
      if (!/\/chromium$/.test(executable)) {
        continue;
      }
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // The process's own time and its reaped children's.
      total += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended
    }
  }
  return total;
}

function machineTicks(): { busy: number; all: number } {
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].split(/\s+/).slice(1).map(Number);
  const all = cpu.reduce((a, b) => a + b, 0);
  // idle and iowait
  return { busy: all - cpu[3] - cpu[4], all };
}

/** Starts measuring; the returned function gives the shares since then. */
export function measureCpu(scriptPid: number): () => CpuShares | null {
  try {
    const threads = threadTicks(scriptPid);
    const browser = browserTicks();
    const machine = machineTicks();
    const started = Date.now();
    return () => {
      const seconds = (Date.now() - started) / 1000;
      const ticksPerSecond = 100;
      const share = (ticks: number) => +((100 * ticks) / (ticksPerSecond * seconds)).toFixed(0);
      const now = threadTicks(scriptPid);
      const deltas = [...now].map(([tid, ticks]) => ({
        tid,
        ticks: ticks - (threads.get(tid) ?? 0)
      }));
      const computing = deltas.find(({ tid }) => tid === scriptPid)?.ticks ?? 0;
      const worker = Math.max(
        0,
        ...deltas.filter(({ tid }) => tid !== scriptPid).map(d => d.ticks)
      );
      const end = machineTicks();
      const cores = (end.all - machine.all) / (ticksPerSecond * seconds);
      return {
        computing: share(computing),
        worker: share(worker),
        browser: share(browserTicks() - browser),
        machine: +((100 * cores * (end.busy - machine.busy)) / (end.all - machine.all)).toFixed(0)
      };
    };
  } catch {
    return () => null;
  }
}
