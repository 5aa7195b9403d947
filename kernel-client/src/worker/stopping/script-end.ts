/**
 * Ends a script whose computing thread is busy after Ctrl-C (stop-policy.ts decides when): a
 * loop that does not push never runs the computing thread's handling (script-stop.ts), and no
 * thread can end another's synchronous JavaScript. So every plot worker delivers what its
 * viewers lack (until the delivery deadline, stopping/ctrl-c.ts), then stops listening for
 * SIGINT; the last one to stop prints the one line and sends SIGINT to the process, which
 * then has the runtime's default action: the process ends as it would without the plotter
 * (killed by SIGINT, which shells report as 130). SIGTERM follows if something else still
 * listens.
 */
import process from 'node:process';
import { LISTENING, stopSlots, type StopState } from '../../kernel/stop-state.js';
import { claimLine, deliveryLeft, noteDelivery, someLate } from '../../stopping/ctrl-c.js';
import type { Log } from '../log.js';

/** How long the last listener is awaited once this worker stopped listening. */
const OTHERS_MS = 150;
/** How long SIGINT may take to end the process before SIGTERM does. */
const SIGTERM_AFTER_MS = 100;

export interface ScriptEndOptions {
  state: StopState;
  log: Log;
  /** Brings this plotter's viewers up to date, waiting at most `ms`; true when they are. */
  deliver(ms: number): Promise<boolean>;
  /** The process is about to end: stop listening for SIGINT, remove what exit would. */
  release(): void;
}

export class ScriptEnd {
  private readonly slots: Int32Array;
  private delivering = false;
  private released = false;
  /** A second SIGINT cut the delivery short. */
  private cut = false;

  constructor(private readonly options: ScriptEndOptions) {
    this.slots = stopSlots(options.state);
  }

  /** Ends the script: after delivering (first Ctrl-C), or `atOnce` (a second one). */
  end(atOnce: boolean): void {
    if (atOnce) {
      this.cut = !this.released;
      this.release();
      return;
    }
    if (this.delivering || this.released) {
      return;
    }
    this.delivering = true;
    this.options.log.debug('stop: Ctrl-C reached a loop that does not push; ending the script');
    const left = deliveryLeft(this.options.state, this.slots);
    this.options.deliver(left).then(
      delivered => {
        noteDelivery(this.slots, delivered);
        this.release();
      },
      () => {
        noteDelivery(this.slots, false);
        this.release();
      }
    );
  }

  private release(): void {
    if (this.released) {
      return;
    }
    this.released = true;
    this.options.release();
    if (Atomics.load(this.slots, LISTENING) <= 0) {
      this.kill();
    } else {
      // Other plotters' workers are delivering to the same deadline; end it if they do not.
      setTimeout(() => this.kill(), OTHERS_MS);
    }
  }

  private kill(): void {
    const line = claimLine(this.slots, this.cut || someLate(this.slots));
    if (line !== null) {
      this.options.log.now(line);
    }
    process.kill(process.pid, 'SIGINT');
    setTimeout(() => process.kill(process.pid, 'SIGTERM'), SIGTERM_AFTER_MS);
  }
}

/**
 * Flushes `server` for at most `ms`; true if every viewer had everything before the time was
 * up (`flush` resolves as soon as they do, at its deadline otherwise).
 */
export async function deliverWithin(
  server: { flush(timeoutMs: number): Promise<void> },
  ms: number
): Promise<boolean> {
  const deadline = Date.now() + ms;
  await server.flush(ms);
  return Date.now() < deadline;
}
