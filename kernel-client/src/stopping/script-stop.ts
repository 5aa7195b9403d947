/**
 * Ctrl-C (SIGINT) in a script that plots (`node`, `deno run`), on the computing thread. While a
 * plotter is open its plot worker listens for SIGINT, whether the terminal signals the process
 * group or something signals the process alone, and whatever this thread does (see
 * worker/stopping/interrupt-source.ts); that listener keeps the signal from ending the script
 * before its viewers have the final state. Instead the script ends itself, by whichever comes
 * first:
 *
 * - this thread is free (the script awaits): the heartbeat sees the SIGINT within 20 ms and
 *   calls `sigints` here;
 * - this thread spins and pushes: the worker set the stop flag and the next data call throws
 *   PlotInterrupted; uncaught, it ends the script here. A script that catches it decides itself
 *   what comes next;
 * - this thread spins without pushing: the worker delivers what its viewers lack and lets the
 *   SIGINT end the process (worker/stopping/script-end.ts).
 *
 * Ending means: close every plotter (each delivers what its viewers have not received, until
 * `DELIVERY_MS` after the SIGINT), print one line (saying so when the viewers may lack the rows
 * pushed last), exit with 130 as shells report a Ctrl-C. A second SIGINT exits at once. A
 * script with a SIGINT listener of its own (`process.on('SIGINT')`) stays in charge of both.
 */
import process from 'node:process';
import { PlotInterrupted, PlotterClosedError, PlotterFailedError } from '../errors.js';
import { RELAYED, SCRIPT_LISTENERS, SIGINTS, type StopState } from '../kernel/stop-state.js';
import {
  DELIVERY_MS,
  EXIT_CODE,
  EXIT_MS,
  claimLine,
  deliveryLeft,
  recordSigint,
  someLate
} from './ctrl-c.js';
import { heartbeat } from './heartbeat.js';

interface Closable {
  close(options?: { timeoutMs?: number }): Promise<void>;
}

/** The least a plotter is given to deliver when the script ends late after the SIGINT. */
const MIN_DELIVERY_MS = 50;

export class ScriptStop {
  private watching = false;
  private state: StopState | null = null;
  private slots: Int32Array | null = null;
  /** Listening on this thread too (only when a worker cannot hear signals itself). */
  private listening = false;
  private heard = 0;
  /** SIGINTs acted on. */
  private handled = 0;
  /** A data call threw PlotInterrupted for Ctrl-C: the script knows, and chose what follows. */
  private thrown = false;
  private armed = false;
  private ending = false;

  constructor(private readonly plotters: () => Iterable<Closable>) {}

  /** Follows the SIGINTs the plot workers hear while at least one plotter is open. */
  update(openPlotters: number): void {
    const beat = heartbeat();
    this.state = beat.state;
    this.slots = beat.slots;
    if (openPlotters > 0 && !this.watching) {
      this.watching = true;
      beat.watchSigints(total => this.sigints(total));
      process.on('newListener', this.onNewListener);
      process.on('removeListener', this.onRemoveListener);
      this.countScriptListeners(0);
    } else if (openPlotters === 0 && this.watching) {
      this.watching = false;
      beat.watchSigints(null);
      process.off('newListener', this.onNewListener);
      process.off('removeListener', this.onRemoveListener);
      if (this.listening) {
        process.off('SIGINT', this.onSigint);
        this.listening = false;
      }
    }
    if (this.watching && !this.listening && Atomics.load(beat.slots, RELAYED) !== 0) {
      // A Node worker without in-process signals hears the group's Ctrl-C through a helper
      // process; a SIGINT to this process alone is heard here, once the thread is free.
      this.heard = Atomics.load(beat.slots, SIGINTS);
      process.on('SIGINT', this.onSigint);
      this.listening = true;
    }
  }

  /** A data call is about to throw PlotInterrupted for Ctrl-C: uncaught, it ends the script. */
  throwing(): void {
    this.thrown = true;
    this.arm();
  }

  /** The process has heard `total` SIGINTs so far. */
  private sigints(total: number): void {
    while (this.handled < total) {
      this.handled++;
      if (this.scriptListeners() > 0) {
        continue; // the script's own listener decides
      }
      if (this.handled >= 2) {
        this.exit(true);
      } else if (!this.thrown) {
        void this.end();
      }
    }
  }

  private readonly onSigint = (): void => {
    if (this.state !== null && this.slots !== null) {
      this.sigints(recordSigint(this.state, this.slots, ++this.heard));
    }
  };

  private readonly onNewListener = (event: string | symbol, listener: unknown): void => {
    if (event === 'SIGINT' && listener !== this.onSigint) {
      this.countScriptListeners(1); // emitted before the listener is added
    }
  };

  private readonly onRemoveListener = (event: string | symbol): void => {
    if (event === 'SIGINT') {
      this.countScriptListeners(0);
    }
  };

  private countScriptListeners(adding: number): void {
    if (this.slots !== null) {
      const count = process.listeners('SIGINT').filter(l => l !== this.onSigint).length;
      Atomics.store(this.slots, SCRIPT_LISTENERS, count + adding);
    }
  }

  private scriptListeners(): number {
    return this.slots === null ? 0 : Atomics.load(this.slots, SCRIPT_LISTENERS);
  }

  /** Uncaught errors and rejections are ours to handle from the first stop thrown on. */
  private arm(): void {
    if (!this.armed) {
      process.on('uncaughtException', this.onUncaught);
      process.on('unhandledRejection', this.onUncaught);
      this.armed = true;
    }
  }

  private readonly onUncaught = (error: unknown): void => {
    if (error instanceof PlotInterrupted) {
      void this.end();
      return;
    }
    const plotterError = error instanceof PlotterClosedError || error instanceof PlotterFailedError;
    if (this.ending && plotterError) {
      return; // a push after the plotters closed: the script is ending anyway
    }
    // Another error: what the runtime does without a listener (while ending: say it, go on).
    console.error(error);
    if (!this.ending) {
      process.exit(1);
    }
  };

  private async end(): Promise<void> {
    if (this.ending || this.state === null || this.slots === null) {
      return;
    }
    this.ending = true;
    this.arm();
    const left = deliveryLeft(this.state, this.slots, MIN_DELIVERY_MS);
    const closing = [...this.plotters()].map(plotter => plotter.close({ timeoutMs: left }));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const inTime = await Promise.race([
      Promise.allSettled(closing).then(() => true),
      new Promise<boolean>(resolve => {
        timer = setTimeout(() => resolve(false), left + EXIT_MS - DELIVERY_MS);
      })
    ]);
    clearTimeout(timer);
    this.exit(!inTime || someLate(this.slots));
  }

  /** Prints the line (unless printed) and exits; `late`: the viewers may lack the last rows. */
  private exit(late: boolean): void {
    const line = this.slots === null ? null : claimLine(this.slots, late);
    if (line !== null) {
      console.error(line);
    }
    process.exit(EXIT_CODE);
  }
}
