/**
 * Ctrl-C in a script that plots (`node`, `deno run`), on the computing thread. While a plotter
 * is open the script listens for SIGINT, so Ctrl-C no longer ends it before its viewers have
 * the final state; instead the script ends itself, by whichever comes first:
 *
 * - the thread is free (the script awaits): the SIGINT listener runs;
 * - the thread spins and pushes: the plot worker heard the signal (worker/interrupt-source.ts)
 *   and the next data call throws PlotInterrupted; uncaught, it ends the script here. A script
 *   that catches it decides itself what comes next;
 * - the thread spins without pushing: the worker ends the process (worker/stop-policy.ts).
 *
 * Ending means: print one line, close every plotter (each delivers what its viewers have not
 * received, waiting at most `CLOSE_MS`), exit with 130 as shells report a Ctrl-C. A script
 * that caught the PlotInterrupted, or has its own SIGINT listener, stays in charge.
 */
import process from 'node:process';
import { PlotInterrupted } from '../errors.js';
import { StopReason, stopMessage } from '../kernel/stop-state.js';

interface Closable {
  close(options?: { timeoutMs?: number }): Promise<void>;
}

const CLOSE_MS = 500;
/** 128 + SIGINT. */
const EXIT_CODE = 130;

export class ScriptStop {
  private listening = false;
  private armed = false;
  private ending = false;
  /** Ctrl-Cs a data call already reported by throwing: the script chose what follows. */
  private reported = 0;

  constructor(private readonly plotters: () => Iterable<Closable>) {}

  /** Listens for SIGINT while at least one plotter is open. */
  update(openPlotters: number): void {
    if (openPlotters > 0 && !this.listening) {
      process.on('SIGINT', this.onSigint);
      this.listening = true;
    } else if (openPlotters === 0 && this.listening) {
      process.off('SIGINT', this.onSigint);
      this.listening = false;
    }
  }

  /** A data call is about to throw PlotInterrupted for Ctrl-C: uncaught, it ends the script. */
  throwing(): void {
    this.reported++;
    if (!this.armed) {
      process.on('uncaughtException', this.onUncaught);
      this.armed = true;
    }
  }

  private readonly onSigint = (): void => {
    if (this.reported > 0) {
      this.reported--; // this signal's listener ran late: a data call already threw for it
    } else if (process.listenerCount('SIGINT') === 1) {
      void this.end();
    }
  };

  private readonly onUncaught = (error: unknown): void => {
    if (error instanceof PlotInterrupted) {
      void this.end();
      return;
    }
    // Another error after a caught stop: what the runtime does without a listener.
    console.error(error);
    process.exit(1);
  };

  private async end(): Promise<void> {
    if (this.ending) {
      return;
    }
    this.ending = true;
    console.error(`PlotInterrupted: ${stopMessage(StopReason.CtrlC)}`);
    const closing = [...this.plotters()].map(plotter => plotter.close({ timeoutMs: CLOSE_MS }));
    await Promise.allSettled(closing);
    process.exit(EXIT_CODE);
  }
}
