/**
 * A Jupyter server of a test's own (scripts/host.sh on its own port, no token, the UI tests'
 * workspace), for tests that stop, restart or configure it without touching the suite's server.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');

export class OwnHost {
  private child: ChildProcess | null = null;

  /** @param extraArgs - more arguments of scripts/host.sh (e.g. `--without-server-extension`). */
  constructor(
    readonly port: number,
    private readonly extraArgs: string[] = []
  ) {}

  /** Starts the server and resolves once it serves /lab (at most a minute). */
  async start(): Promise<void> {
    this.child = spawn(
      'bash',
      [
        'scripts/host.sh',
        '--port',
        String(this.port),
        '--root',
        'test/ui/workspace',
        '--no-token',
        ...this.extraArgs
      ],
      { cwd: ROOT, stdio: 'ignore', detached: true }
    );
    for (let tries = 0; tries < 120; tries++) {
      try {
        if ((await fetch(`http://127.0.0.1:${this.port}/lab`)).ok) {
          return;
        }
      } catch {
        // not listening yet
      }
      await new Promise(done => setTimeout(done, 500));
    }
    throw new Error(`the Jupyter server on ${this.port} did not start`);
  }

  /** Stops the server (SIGTERM to its process group) and resolves once it exited. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child?.pid !== undefined && child.exitCode === null) {
      const exited = new Promise(done => child.once('exit', done));
      process.kill(-child.pid, 'SIGTERM'); // its own process group, started above
      await exited;
    }
  }
}
