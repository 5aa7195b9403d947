/**
 * Which commands `open({ browser })` tries, in order, to show the viewer page: a command of
 * the user's choice, or the system's browser as Python's `webbrowser` and Jupyter find it (the
 * `BROWSER` variable, a list of commands separated by the path delimiter, then the platform's
 * opener).
 */
import { delimiter } from 'node:path';
import process from 'node:process';

/** `true`: the system's browser; a string: that command line (`%s` is the URL). */
export type BrowserOption = boolean | string;

/** The platform's own way of opening a URL in the default browser. */
export function platformOpener(platform: string = process.platform): string {
  if (platform === 'darwin') {
    return 'open';
  }
  if (platform === 'win32') {
    return 'cmd /c start ""';
  }
  return 'xdg-open';
}

/** The command lines to try, first to last; empty when no browser is to be opened. */
export function browserCommands(
  option: BrowserOption | undefined,
  env: Record<string, string | undefined> = process.env,
  platform: string = process.platform
): string[] {
  if (option === undefined || option === false) {
    return [];
  }
  if (typeof option === 'string') {
    if (option.trim() === '') {
      throw new TypeError('async-plotter: the browser command is empty');
    }
    return [option];
  }
  const fromEnv = (env.BROWSER ?? '')
    .split(platform === 'win32' ? ';' : delimiter)
    .map(entry => entry.trim())
    .filter(entry => entry !== '');
  return [...fromEnv, platformOpener(platform)];
}
