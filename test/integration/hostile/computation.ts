/**
 * The computation under attack, from the test's side: starts fixtures/streaming-plotter.ts in
 * its own Node process, talks to it over IPC and keeps its stderr (the plot server's debug log).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PlotterHandle } from 'async-plotter/protocol';
import { connect } from '../../support/socket-viewer.ts';
import type { Command, Report } from './streaming-protocol.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/streaming-plotter.ts', import.meta.url));

type ReportOf<T extends Report['type']> = Extract<Report, { type: T }>;

export class Computation {
  /** Everything the process wrote to stderr so far. */
  log = '';
  /** Why the process ended early, if it did. */
  exited: string | null = null;
  private readonly waiting = new Map<Report['type'], ((report: Report) => void)[]>();

  private constructor(
    private readonly child: ChildProcess,
    readonly handle: PlotterHandle
  ) {}

  static async start(): Promise<Computation> {
    const child = fork(FIXTURE, [], {
      execArgv: ['--expose-gc', '--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'pipe', 'ipc']
    });
    let log = '';
    child.stderr?.setEncoding('utf8').on('data', (text: string) => (log += text));
    const handle = await new Promise<PlotterHandle>((resolve, reject) => {
      child.once('message', report => resolve((report as ReportOf<'ready'>).handle));
      child.once('exit', code => reject(new Error(`the computation exited (${code}): ${log}`)));
    });
    const computation = new Computation(child, handle);
    computation.log = log;
    child.stderr?.removeAllListeners('data');
    child.stderr?.on('data', (text: string) => (computation.log += text));
    child.on('message', report => computation.received(report as Report));
    child.once('exit', code => {
      computation.exited = `the computation exited (${code}); its log ends with: ${computation.log.slice(-2000)}`;
    });
    await computation.warmUp();
    return computation;
  }

  /**
   * What the worker allocates once, on its first viewers (socket.io's and the frame builder's
   * structures, compiled code), is allocated before the first measurement.
   */
  private async warmUp(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      const viewer = await connect(this.handle, { name: 'warm-up' });
      await viewer.waitFor(() => viewer.messages > 10, 'frames');
      await viewer.socket.timeout(5000).emitWithAck('rows', {
        chart: 'stream',
        dataset: 'data',
        from: 0,
        count: 1 << 17
      });
      viewer.close();
    }
  }

  get port(): number {
    return Number(new URL(this.handle.url).port);
  }

  /** Labels the loop's blocks from now on. */
  phase(name: string): void {
    this.command({ cmd: 'phase', name });
  }

  /** Ends the loop after its current block: nothing is pushed until `resume()`. */
  pause(): Promise<ReportOf<'paused'>> {
    return this.ask({ cmd: 'pause' }, 'paused');
  }

  resume(): void {
    this.command({ cmd: 'resume' });
  }

  /** The plot server worker's heap in use after a garbage collection (bytes). */
  async workerHeap(): Promise<number> {
    return (await this.ask({ cmd: 'heap' }, 'heap')).bytes;
  }

  /** On-CPU milliseconds of the computing thread in the phase `name`, and blocks it ran. */
  async samples(name: string): Promise<{ cpuMs: number; blocks: number }> {
    const { cpuMs, blocks } = await this.ask({ cmd: 'samples', name }, 'samples');
    return { cpuMs, blocks };
  }

  async close(): Promise<void> {
    const exited = new Promise(resolve => this.child.once('exit', resolve));
    await this.ask({ cmd: 'close' }, 'closed');
    await exited;
  }

  private command(command: Command): void {
    if (this.exited !== null) {
      throw new Error(this.exited);
    }
    this.child.send(command);
  }

  private ask<T extends Report['type']>(command: Command, type: T): Promise<ReportOf<T>> {
    return new Promise(resolve => {
      const list = this.waiting.get(type) ?? [];
      list.push(report => resolve(report as ReportOf<T>));
      this.waiting.set(type, list);
      this.command(command);
    });
  }

  private received(report: Report): void {
    this.waiting.get(report.type)?.shift()?.(report);
  }
}
