import { expect } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import type { Locator, Page } from '@playwright/test';
import { appendFileSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { PROTOCOL_VERSION } from 'async-plotter/protocol';
import { startPlotNotebook } from '../../ui/helpers/panel-notebook';
import { cellOutputText } from '../../ui/helpers/plot-panel';
import { openPlotterCode } from '../../support/plotter-cell';

// What scripts/remote-ui.sh tells the tests: the Jupyter server's port (the only one open in
// this network namespace), its base path, where the host's PID is and where to note kernels a
// test leaves behind when it ends the host.
const PORT = Number(process.env.UI_PORT ?? 8897);
const BASE_PATH = process.env.UI_BASE_PATH ?? '';

/** Code printing `{ port, token, url, pid }`: the plot server of `plot` and the kernel's PID. */
export const PRINT_PLOTTER = `console.log(JSON.stringify({
  port: Number(new URL(plot.handle.url).port),
  url: plot.handle.url,
  token: plot.handle.token,
  pid: Deno.pid
}));`;

/** What `PRINT_PLOTTER` printed. */
export interface PrintedPlotter {
  port: number;
  url: string;
  token: string;
  pid: number;
}

/** What the cell at `index` printed with `PRINT_PLOTTER`, once it has. */
export async function printedPlotter(page: Page, index: number): Promise<PrintedPlotter> {
  const pattern = /\{"port":.*?\}/s;
  await expect
    .poll(async () => pattern.test(await cellOutputText(page, index)), { timeout: 30_000 })
    .toBe(true);
  const text = (await cellOutputText(page, index)).match(pattern)?.[0] ?? 'null';
  return JSON.parse(text) as PrintedPlotter;
}

/**
 * Creates the notebook `name` and opens in it a plotter `title` whose chart `loss` gets the rows
 * `0 <= i < rows` of `openPlotterCode`; resolves with what it printed once its card is connected.
 */
export async function startRemotePlotter(
  page: IJupyterLabPageFixture,
  name: string,
  title: string,
  rows: number
): Promise<PrintedPlotter> {
  await startPlotNotebook(page, name, `${openPlotterCode(title, rows)}\n${PRINT_PLOTTER}`);
  return printedPlotter(page, 0);
}

/** The label of a card that says which way its link goes. */
export function routeLabel(card: Locator): Locator {
  return card.locator('.jp-AsyncPlotter-route');
}

/** An address of the Jupyter server, as the page reaches it (`path` without leading slash). */
export function serverPath(path: string): string {
  return `${BASE_PATH}/${path}`;
}

/** Whether a TCP connection from this process (the browser's namespace) to 127.0.0.1:port opens. */
export function tcpOpens(port: number): Promise<boolean> {
  return new Promise(resolve => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(3000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

/**
 * Proves that the browser's side cannot reach the plot server on `port` directly, while that
 * very plot server answers through the Jupyter server: the test process (in the browser's
 * namespace) reaches the Jupyter server's port and not the plot server's, the page's own fetch
 * of the plot server fails, and the route gives its identity.
 */
export async function expectDirectPathCut(page: Page, port: number): Promise<void> {
  expect(await tcpOpens(PORT), `the Jupyter server's port ${PORT} from the browser's side`).toBe(
    true
  );
  expect(await tcpOpens(port), `the plot server's port ${port} from the browser's side`).toBe(
    false
  );
  const direct = await page.evaluate(async url => {
    try {
      await fetch(url, { mode: 'no-cors' });
      return 'answered';
    } catch {
      return 'failed';
    }
  }, `http://127.0.0.1:${port}/async-plotter/identity`);
  expect(direct, 'the page fetching the plot server directly').toBe('failed');
  const routed = await page.evaluate(
    async url => {
      const response = await fetch(url, { cache: 'no-cache' });
      return { status: response.status, body: (await response.json()) as unknown };
    },
    serverPath(`async-plotter/${port}/async-plotter/identity`)
  );
  expect(routed, 'the same plot server through the Jupyter server').toEqual({
    status: 200,
    body: { service: 'async-plotter', protocol: PROTOCOL_VERSION }
  });
}

/** Notes a kernel that outlives the host, for scripts/remote-ui.sh to end if the test cannot. */
export function noteOrphanKernel(pid: number): void {
  appendFileSync(requiredEnv('REMOTE_ORPHANS'), `${pid}\n`);
}

/** The PID of the running Jupyter server (the host), as scripts/remote-ui.sh wrote it. */
export function jupyterServerPid(): number {
  return Number(readFileSync(requiredEnv('REMOTE_HOST_PIDFILE'), 'utf8').trim());
}

/**
 * Kills the Jupyter server outright (as a crash would: its kernels live on) and returns once
 * scripts/remote-ui.sh has started it again and it answers.
 */
export async function crashJupyterServer(): Promise<void> {
  const old = jupyterServerPid();
  process.kill(old, 'SIGKILL');
  await expect
    .poll(() => jupyterServerPid(), { timeout: 30_000, message: 'a new Jupyter server' })
    .not.toBe(old);
}

/** Resolves once the Jupyter server answers its status request. */
export async function waitForJupyterServer(): Promise<void> {
  const url = `http://127.0.0.1:${PORT}${serverPath('api/status')}`;
  await expect
    .poll(
      async () => {
        try {
          return (await fetch(url)).status;
        } catch {
          return 0;
        }
      },
      { timeout: 60_000, intervals: [250], message: 'the Jupyter server answering again' }
    )
    .toBe(200);
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run these tests with scripts/remote-ui.sh`);
  }
  return value;
}
