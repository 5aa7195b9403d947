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
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { TOKEN_FILE_PREFIX } from '../protocol.js';
import { jupyterRuntimeDir } from './runtime-dir.js';

/** What the file holds (JSON). */
export interface TokenFileContent {
  port: number;
  token: string;
  /** The process that serves the port. */
  pid: number;
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
      const content: TokenFileContent = { port, token, pid: process.pid };
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
