/**
 * Opens the viewer page with the first browser command that works (browser-command.ts lists
 * them): a command that does not exist, or that exits with an error within a few seconds (as
 * `xdg-open` does when it finds no browser), gives way to the next. The browser runs detached
 * and outlives the plot server. When none works, the person gets the link to open by hand.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { browserArgv } from '../../showing/command-line.js';

/** A command still running after this long, or ended without error, opened the page. */
const FAILURE_WINDOW_MS = 3000;

export interface LaunchReport {
  /** The command line that opened the page, or null when none did. */
  opened: string | null;
  /** Why each command that was tried before failed, in plain words (no URL: it holds the token). */
  failures: string[];
}

/** Tries `commands` in order with `url`; resolves once one has opened it or all have failed. */
export async function launchBrowser(commands: string[], url: string): Promise<LaunchReport> {
  const failures: string[] = [];
  for (const command of commands) {
    const failure = await tryCommand(command, url);
    if (failure === null) {
      return { opened: command, failures };
    }
    failures.push(`${programName(command)}: ${failure}`);
  }
  return { opened: null, failures };
}

/** Null when `command` opened the page, else why not. */
function tryCommand(command: string, url: string): Promise<string | null> {
  let argv: string[];
  try {
    argv = browserArgv(command, url);
  } catch (error) {
    return Promise.resolve((error as Error).message);
  }
  if (argv.length === 0) {
    return Promise.resolve('empty command');
  }
  return new Promise(resolve => {
    let child: ChildProcess;
    try {
      child = spawn(argv[0], argv.slice(1), { detached: true, stdio: 'ignore' });
    } catch (error) {
      resolve((error as Error).message.replace(url, '<url>'));
      return;
    }
    const timer = setTimeout(() => {
      child.removeAllListeners();
      child.on('error', () => undefined);
      resolve(null);
    }, FAILURE_WINDOW_MS);
    timer.unref();
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve(error.code === 'ENOENT' ? 'no such command' : error.message.replace(url, '<url>'));
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(
        code === 0 ? null : `ended with ${code === null ? `signal ${signal}` : `exit code ${code}`}`
      );
    });
    child.unref();
  });
}

/** The program of a command line, for messages (its arguments may hold the URL). */
function programName(command: string): string {
  return command.trim().split(/\s+/)[0] ?? command;
}
