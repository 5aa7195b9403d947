import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import type { PlotterHandle } from 'async-plotter/protocol';

/** A Node script with an open plotter (test/page/fixtures/stream.ts) and its handle. */
export interface PlotScript {
  handle: PlotterHandle;
  /** Ends the script (its plotter with it). */
  kill(): void;
}

const ROOT = resolve(__dirname, '../../..');
const STREAM = resolve(ROOT, 'test/page/fixtures/stream.ts');

/** Starts the script with plotter `title` and `open()` options; resolves once it is open. */
export function startPlotScript(
  title: string,
  options: Record<string, unknown> = {}
): Promise<PlotScript> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', STREAM, title, JSON.stringify(options)],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
      // As a script of the same user beside the host's Jupyter server: its plotter keeps its
      // token where that server looks (host/async_plotter_host/scratch.py).
      env: { ...process.env, JUPYTER_RUNTIME_DIR: resolve(ROOT, '.scratch/jupyter/runtime') }
    }
  );
  return new Promise((done, fail) => {
    let out = '';
    let errors = '';
    child.stderr?.on('data', chunk => (errors += String(chunk)));
    child.stdout?.on('data', chunk => {
      out += String(chunk);
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        const { handle } = JSON.parse(line) as { handle: PlotterHandle };
        done({ handle, kill: () => child.kill('SIGKILL') });
      }
    });
    child.once('exit', code => fail(new Error(`the plot script exited (${code}): ${errors}`)));
  });
}
