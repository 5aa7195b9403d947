/**
 * The plotter's token where Jupyter keeps its secrets: a file per plotter in Jupyter's runtime
 * directory (`async-plotter-<port>.json`), owner-only (created with mode 0600, never widened),
 * removed when the plotter closes or the process exits. The Jupyter server's extension hands it
 * to the logged-in user's panel, so that a notebook output never has to carry the token.
 *
 * Writing it is done once per plotter, off the data path; a failure costs the panel its
 * automatic connection, never the plotter: it is said once per process, plainly.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { TOKEN_FILE_PREFIX } from '../protocol.js';
import { jupyterRuntimeDir } from './runtime-dir.js';

/** What the file holds (JSON). */
export interface TokenFileContent {
  port: number;
  token: string;
  /** The process that serves the port, and its machine: a file whose process is gone is stale. */
  pid: number;
  host: string;
}

const WARNED = Symbol.for('async-plotter.token-file-warned');

/** The file's name for the plot server on `port`. */
export function tokenFileName(port: number): string {
  return `${TOKEN_FILE_PREFIX}${port}.json`;
}

/** A written token file; `remove()` deletes it (once; later calls do nothing). */
export class TokenFile {
  private removed = false;
  private readonly atExit = (): void => this.removeNow();

  private constructor(readonly path: string) {
    process.once('exit', this.atExit);
  }

  /**
   * Writes the token of the plot server on `port`; null (after one warning per process) when
   * it cannot be written.
   */
  static async write(port: number, token: string): Promise<TokenFile | null> {
    let dir: string;
    try {
      dir = jupyterRuntimeDir(process.env);
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const path = join(dir, tokenFileName(port));
      await removeStale(dir);
      const content: TokenFileContent = { port, token, pid: process.pid, host: hostname() };
      await writePrivate(path, JSON.stringify(content));
      return new TokenFile(path);
    } catch (error) {
      warnOnce(error);
      return null;
    }
  }

  remove(): void {
    process.off('exit', this.atExit);
    this.removeNow();
  }

  private removeNow(): void {
    if (!this.removed) {
      this.removed = true;
      rmSync(this.path, { force: true });
    }
  }
}

/**
 * Writes `text` to `path` as a file created owner-only: first under a fresh name (created
 * exclusively, mode 0600), then renamed over `path`, so that a reader never sees it half
 * written and never a file that was once readable by others.
 */
async function writePrivate(path: string, text: string): Promise<void> {
  const temporary = `${path}.${randomUUID()}.tmp`;
  const file = await open(temporary, 'wx', 0o600);
  try {
    await file.writeFile(text, 'utf8');
  } finally {
    await file.close();
  }
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Removes the token files that processes of this machine left when they were killed (a kernel
 * ended by SIGKILL runs no exit handler). Only a file naming this machine and a process that
 * surely no longer exists (ESRCH) is removed; anything unreadable or unsure is left alone.
 */
async function removeStale(dir: string): Promise<void> {
  const names = (await readdir(dir)).filter(
    name => name.startsWith(TOKEN_FILE_PREFIX) && name.endsWith('.json')
  );
  for (const name of names) {
    try {
      const { pid, host } = JSON.parse(await readFile(join(dir, name), 'utf8')) as TokenFileContent;
      if (host === hostname() && typeof pid === 'number' && pid !== process.pid && gone(pid)) {
        await rm(join(dir, name), { force: true });
      }
    } catch {
      // not a file to judge: unreadable, half written or of another shape
    }
  }
}

function gone(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as { code?: unknown }).code === 'ESRCH';
  }
}

function warnOnce(error: unknown): void {
  const global = globalThis as { [WARNED]?: boolean };
  if (global[WARNED]) {
    return;
  }
  global[WARNED] = true;
  const reason = error instanceof Error ? error.message : String(error);
  console.error(
    `[async-plotter] cannot keep the plotter's token in Jupyter's runtime directory (${reason}): the JupyterLab panel will not connect by itself; use its "Connect to a Plotter…" command with plotter.viewerUrl.`
  );
}
