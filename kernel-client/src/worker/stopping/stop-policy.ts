/**
 * What a plot worker does when the user stops the computation. The worker always hears a stop,
 * whatever the computing thread does; it decides from the computing thread's heartbeat
 * (stop-state.ts) how to end it:
 *
 * - every stop sets this plotter's FLAG_STOPPED: a loop that pushes throws PlotInterrupted at
 *   its next data call;
 * - in a notebook kernel, one worker at a time then ends the cell: if the computing thread
 *   beats (the cell awaits), the heartbeat rejects the cell's pending promises; if it is busy
 *   synchronously and no push ended it within `GRACE_MS`, the worker sends `interrupt_request`
 *   to its own kernel (jupyter-control.ts), which ends the running JavaScript without output,
 *   and the heartbeat prints the one-line message once the thread is free; once the
 *   computation is over the heartbeat clears the stop flags nobody consumed;
 * - outside a kernel (scripts) a viewer's stop only sets the flag, and `plotter.signal` aborts;
 *   Ctrl-C (every SIGINT, to the process or its group) ends the script: a free computing thread
 *   closes every plotter and exits (script-stop.ts, told by its heartbeat), a push throws
 *   PlotInterrupted which does the same unless caught; if neither happened within `GRACE_MS`
 *   (a loop that does not push), the worker delivers what its viewers lack and ends the
 *   process (script-end.ts). A second SIGINT ends the script at once, from the computing
 *   thread if it is free, from here if it is busy. A script with a SIGINT listener of its own
 *   decides itself: its loops are only stopped.
 */
import {
  ownConnectionFile,
  readConnectionFile,
  sendInterruptRequest
} from '../../kernel/jupyter-control.js';
import { FLAG_STOPPED } from '../../stopping/shared-flags.js';
import { EXIT_MS, recordSigint } from '../../stopping/ctrl-c.js';
import {
  CLEARS,
  CONSUMED,
  INTERRUPTS,
  POLICY,
  REASON,
  REJECTS,
  SCRIPT_LISTENERS,
  SIGINTS,
  STALE_AFTER_MS,
  STOPS,
  StopReason,
  beatAge,
  stopSlots,
  type StopState
} from '../../kernel/stop-state.js';
import type { Log } from '../log.js';
import type { ScriptEnd } from './script-end.js';

/** How long a synchronous cell may take to reach its next push before it is interrupted. */
export const GRACE_MS = 250;
const POLL_MS = 10;
/**
 * A second Ctrl-C while the computing thread is free is its to act on (within a heartbeat);
 * if the process still runs this much later, the worker ends it.
 */
const SECOND_BACKSTOP_MS = 200;

export interface StopPolicyOptions {
  flags: Int32Array;
  state: StopState;
  kernel: boolean;
  log: Log;
  /** Sends `interrupt_request` to this process's kernel. */
  interruptKernel?: () => Promise<void>;
  /** Ends a script whose computing thread is busy after Ctrl-C (see above). */
  script?: ScriptEnd;
}

export class StopPolicy {
  private readonly slots: Int32Array;
  /** SIGINTs in this process, counted from those before this worker listened. */
  private sigints: number;

  constructor(private readonly options: StopPolicyOptions) {
    this.slots = stopSlots(options.state);
    this.sigints = Atomics.load(this.slots, SIGINTS);
  }

  stop(reason: StopReason): void {
    const { flags, kernel } = this.options;
    Atomics.or(flags, 0, FLAG_STOPPED);
    if (!kernel) {
      Atomics.store(this.slots, REASON, reason);
      const stop = Atomics.add(this.slots, STOPS, 1) + 1;
      if (reason === StopReason.CtrlC) {
        this.ctrlC(stop);
      }
      return;
    }
    if (Atomics.compareExchange(this.slots, POLICY, 0, 1) !== 0) {
      return; // another plotter's worker is ending this computation
    }
    Atomics.store(this.slots, REASON, reason);
    const stop = Atomics.add(this.slots, STOPS, 1) + 1;
    const started = Date.now();
    const done = (): void => {
      Atomics.add(this.slots, CLEARS, 1);
      Atomics.store(this.slots, POLICY, 0);
    };
    const step = (): void => {
      if (Atomics.load(this.slots, CONSUMED) >= stop) {
        this.options.log.debug('stop: a data call ended the computation');
        done();
      } else if (beatAge(this.options.state, this.slots) < STALE_AFTER_MS) {
        this.options.log.debug('stop: rejecting the pending promises of the awaiting cell');
        Atomics.add(this.slots, REJECTS, 1);
        done();
      } else if (Date.now() - started >= GRACE_MS) {
        this.options.log.debug('stop: interrupting the synchronous cell');
        Atomics.add(this.slots, INTERRUPTS, 1);
        const interrupt = this.options.interruptKernel ?? interruptOwnKernel;
        interrupt().then(done, (error: unknown) => {
          this.options.log.error(`cannot interrupt the kernel: ${String(error)}`);
          done();
        });
      } else {
        setTimeout(step, POLL_MS);
      }
    };
    step();
  }

  private ctrlC(stop: number): void {
    const total = recordSigint(this.options.state, this.slots, ++this.sigints);
    if (Atomics.load(this.slots, SCRIPT_LISTENERS) > 0) {
      return; // the script's own SIGINT listener decides
    }
    if (total === 1) {
      setTimeout(() => this.afterGrace(stop), GRACE_MS);
    } else if (this.busy()) {
      this.options.script?.end(true);
    } else {
      setTimeout(() => this.options.script?.end(true), SECOND_BACKSTOP_MS);
    }
  }

  private afterGrace(stop: number): void {
    if (Atomics.load(this.slots, CONSUMED) >= stop) {
      return; // a data call threw PlotInterrupted: the script decides
    }
    if (this.busy()) {
      this.options.script?.end(false);
      return;
    }
    // The computing thread is free and ending the script; should it not manage to, end it.
    setTimeout(() => this.options.script?.end(true), EXIT_MS - GRACE_MS + SECOND_BACKSTOP_MS);
  }

  private busy(): boolean {
    return beatAge(this.options.state, this.slots) >= STALE_AFTER_MS;
  }
}

async function interruptOwnKernel(): Promise<void> {
  const file = ownConnectionFile();
  if (file === null) {
    throw new Error('no --conn argument: not a Jupyter kernel process');
  }
  const status = await sendInterruptRequest(readConnectionFile(file));
  if (status !== 'ok') {
    throw new Error(`interrupt_reply: ${status}`);
  }
}
