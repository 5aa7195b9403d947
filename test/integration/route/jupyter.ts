/**
 * A real Jupyter server (Debian's jupyter_server, /usr/bin/python3) with the project's server
 * extension, on a free loopback port with a random token; its files go to .scratch/route-tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SCRATCH = `${ROOT}.scratch/route-tests`;

export interface JupyterOptions {
  /** `--ServerApp.base_url`, default `/`. */
  baseUrl?: string;
  /** The Python interpreter, default Debian's. */
  python?: string;
  /** Load the extension from the checkout (PYTHONPATH and jpserver_extensions); default true. */
  fromCheckout?: boolean;
  /** Working directory of the server process, default the scratch folder. */
  cwd?: string;
}

export interface Jupyter {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  port: number;
  /** The base URL, with leading and trailing slash. */
  base: string;
  token: string;
  pid: number;
  /** The server's Jupyter runtime directory (`JUPYTER_RUNTIME_DIR`), where plotters keep tokens. */
  runtimeDir: string;
  /** Everything the server printed so far. */
  log(): string;
  /** The server's address of a plot server's path: `<origin><base>async-plotter/<port><path>`. */
  route(plotPort: number | string, path?: string): string;
  /** The socket.io path of a plot server through the route. */
  socketPath(plotPort: number): string;
  /** Headers that authenticate a request with the server's token. */
  auth: Record<string, string>;
  /** Number of open file descriptors of the server process. */
  fds(): number;
  /** Resident memory of the server process, in bytes. */
  rss(): number;
  stop(): Promise<void>;
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The HTTP status of a GET on a connection of its own (none is kept open), 0 if none. */
function status(url: string): Promise<number> {
  return new Promise(resolve =>
    get(url, { agent: false, headers: { Connection: 'close' } }, response => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).once('error', () => resolve(0))
  );
}

export async function startJupyter(options: JupyterOptions = {}): Promise<Jupyter> {
  const base = options.baseUrl ?? '/';
  const port = await freePort();
  const token = randomBytes(16).toString('hex');
  const home = `${SCRATCH}/jupyter-${port}`;
  for (const dir of ['config', 'data', 'runtime', 'root']) {
    mkdirSync(`${home}/${dir}`, { recursive: true });
  }
  const fromCheckout = options.fromCheckout ?? true;
  const args = [
    '-m',
    'jupyter_server',
    '--ServerApp.ip=127.0.0.1',
    `--ServerApp.port=${port}`,
    '--ServerApp.port_retries=0',
    `--ServerApp.token=${token}`,
    `--ServerApp.base_url=${base}`,
    `--ServerApp.root_dir=${home}/root`,
    '--ServerApp.open_browser=False',
    '--ServerApp.allow_root=True'
  ];
  if (fromCheckout) {
    args.push('--ServerApp.jpserver_extensions', 'jupyterlab_async_plotter=True');
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    JUPYTER_CONFIG_DIR: `${home}/config`,
    JUPYTER_DATA_DIR: `${home}/data`,
    JUPYTER_RUNTIME_DIR: `${home}/runtime`,
    PYTHONDONTWRITEBYTECODE: '1'
  };
  delete env.PYTHONPATH;
  if (fromCheckout) {
    env.PYTHONPATH = ROOT;
  }
  const child: ChildProcess = spawn(options.python ?? '/usr/bin/python3', args, {
    cwd: options.cwd ?? home,
    env,
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let output = '';
  child.stdout?.on('data', chunk => (output += String(chunk)));
  child.stderr?.on('data', chunk => (output += String(chunk)));
  const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`jupyter server exited (${child.exitCode}):\n${output}`);
    }
    if ((await status(`${origin}${base}api`)) === 200) {
      break;
    }
    if (Date.now() > deadline) {
      child.kill();
      throw new Error(`jupyter server did not start within 30 s:\n${output}`);
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  const pid = child.pid as number;
  return {
    origin,
    port,
    base,
    token,
    pid,
    runtimeDir: `${home}/runtime`,
    log: () => output,
    route: (plotPort, path = '') => `${origin}${base}async-plotter/${plotPort}${path}`,
    socketPath: plotPort => `${base}async-plotter/${plotPort}/async-plotter/socket.io`,
    auth: { Authorization: `token ${token}` },
    fds: () => readdirSync(`/proc/${pid}/fd`).length,
    rss: () =>
      Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(home, { recursive: true, force: true });
    }
  };
}

/** Established TCP connections whose local port is `port` (the accepted sockets of a server). */
export function acceptedConnections(port: number): number {
  let count = 0;
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    for (const line of readFileSync(table, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (
        fields.length > 3 &&
        fields[3] === '01' &&
        parseInt(fields[1].split(':')[1], 16) === port
      ) {
        count++;
      }
    }
  }
  return count;
}

/** The value `read` returns once it has not changed for `quietMs` (at most `timeoutMs`). */
export async function steady<T>(read: () => T, quietMs = 300, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  let since = Date.now();
  while (Date.now() - since < quietMs && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 50));
    const next = read();
    if (next !== value) {
      value = next;
      since = Date.now();
    }
  }
  return value;
}

/** Polls `read` until it returns `expected` (or `timeoutMs` passes); returns the last value. */
export async function settle<T>(read: () => T, expected: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise(resolve => setTimeout(resolve, 50));
    value = read();
  }
  return value;
}
