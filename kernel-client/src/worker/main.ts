/** Entry of the plot server worker: applies the computing thread's messages, serves viewers. */
import { parentPort, workerData } from 'node:worker_threads';
import type { FromWorker, ServerOptions, StaticFigure, ToWorker } from '../messages.js';
import { Log } from './log.js';
import { PlotStore } from './storage/plot-store.js';
import { PlotServer } from './serving/server.js';
import { MemoryBudget } from './storage/memory-budget.js';
import { listenForInterrupts } from './stopping/interrupt-source.js';
import { StopPolicy } from './stopping/stop-policy.js';
import { ScriptEnd, deliverWithin } from './stopping/script-end.js';
import { launchBrowser } from './serving/browser-launch.js';
import { listenFailure } from './serving/listen-error.js';
import { serverUrl, viewerUrl } from '../showing/viewer-url.js';
import { StopReason, stopSlots } from '../kernel/stop-state.js';
import { noteDelivery } from '../stopping/ctrl-c.js';
import process from 'node:process';
import { writeFailure } from '../stopping/failure-note.js';
import { FLAG_FAILED } from '../stopping/shared-flags.js';
import { runDiagnostic } from './diagnostics.js';
import { RingDrainer } from './ring-drainer.js';
import { staticFigure } from './serving/static-figure.js';
import { QuietFigure } from './serving/quiet-figure.js';
import { RunRecord } from './records/run-record.js';

const port = parentPort;
if (port === null) {
  throw new Error('async-plotter: the plot server must run on a worker thread');
}
const options = workerData as ServerOptions;
const log = new Log(options.title, options.debug);

// A bug that escapes every handler ends the worker; first the computing thread is told why,
// through shared memory, so that its next data call throws instead of waiting for a worker
// that is gone (the 'error' event reaches it only once it is free).
process.on('uncaughtException', (error: unknown) => {
  const reason = error instanceof Error ? error.message : String(error);
  writeFailure(options.failure, reason);
  Atomics.or(new Int32Array(options.control, 0, 1), 0, FLAG_FAILED);
  log.now(`[async-plotter "${options.title}"] the plot server failed: ${reason}`);
  process.exit(1);
});
const store = new PlotStore();
const run =
  options.record === null
    ? null
    : new RunRecord(options.record, options.title, options.id, message =>
        log.now(`[async-plotter "${options.title}"] ${message}`)
      );
if (run !== null) {
  store.recordTo(run);
}
const reply = (message: FromWorker): void => port.postMessage(message);
const budget = new MemoryBudget(store, options.memoryBudget, log, path =>
  reply({ type: 'spill-folder', path })
);
const server = new PlotServer(options, store, log, () => policy.stop(StopReason.Viewer));
const policy = new StopPolicy({
  flags: new Int32Array(options.control, 0, 2),
  state: options.stop.state,
  kernel: options.stop.kernel,
  log,
  script: new ScriptEnd({
    state: options.stop.state,
    log,
    deliver: ms => deliverWithin(server, ms),
    release: () => {
      stopListening();
      budget.dispose();
    }
  })
});
const stopListening = listenForInterrupts(options.stop, log, reason => policy.stop(reason));

// Drops history outside windows even when no viewer asks for frames (none, or all stalled).
const housekeeping = setInterval(
  () => {
    store.refresh();
    budget.enforce();
  },
  Math.max(1000 / options.rate, 20)
);
const drainer = new RingDrainer(store, () => budget.enforce());
drainer.start();

let quietFigure: QuietFigure | null = null;

/** Ends the worker's own timers (closing, or failed to listen). */
function stopTimers(): void {
  clearInterval(housekeeping);
  drainer.dispose();
  quietFigure?.dispose();
}

port.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'close') {
      // The rings are still drained while delivering. Still listening meanwhile: a Ctrl-C ends
      // the script the usual way.
      clearInterval(housekeeping);
      quietFigure?.dispose();
      let figure: StaticFigure | undefined;
      deliverWithin(server, message.timeoutMs)
        .then(delivered => {
          noteDelivery(stopSlots(options.stop.state), delivered);
          stopListening();
          // What the notebook output keeps once the plot server is gone.
          if (message.figure) {
            figure = staticFigure(store, options.title);
          }
          return server.close(0);
        })
        .catch((error: unknown) => log.error(`closing: ${String(error)}`))
        .finally(() => {
          store.drain();
          run?.close('closed');
          drainer.dispose();
          stopListening();
          budget.dispose();
          reply({ type: 'closed', ...(figure === undefined ? {} : { figure }) });
        });
      return;
    }
    if (message.type === 'debug') {
      runDiagnostic(message, reply);
      return;
    }
    if (message.type === 'quiet-figures') {
      quietFigure ??= new QuietFigure(store, options.title, figure =>
        reply({ type: 'figure', figure })
      );
      return;
    }
    store.apply(message);
  } catch (error) {
    log.error(`message ${message.type}: ${String(error)}`);
  }
});

server.listen().then(
  listening => {
    log.debug(`listening on ${options.host}:${listening}`);
    reply({ type: 'ready', port: listening });
    if (options.browser.length > 0) {
      openViewer(viewerUrl(serverUrl(options.host, listening), options.token));
    }
  },
  (error: unknown) => {
    stopTimers();
    stopListening();
    reply({ type: 'failed', message: listenFailure(error, options.host, options.port) });
  }
);

/** Opens the viewer page in a browser; says so, with the link, when no command could. */
function openViewer(url: string): void {
  void launchBrowser(options.browser, url).then(({ opened, failures }) => {
    if (opened !== null) {
      log.debug(`opened the viewer page with ${opened.split(/\s/, 1)[0]}`);
      return;
    }
    // For the person, as the printed line is: it holds the token, which no log line does.
    log.now(
      `[async-plotter "${options.title}"] could not open a browser (${failures.join('; ')}); open the live plots at ${url}`
    );
  });
}
