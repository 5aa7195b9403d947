/**
 * Hears Ctrl-C for a Node script's plot worker where the worker cannot watch signals itself
 * (interrupt-source.ts: a Node without `process.binding('signal_wrap')`). Node delivers
 * `process.on` signals to the main thread's event loop only, which a spinning computation never
 * turns; so the worker starts a tiny helper process in the script's process group (the
 * terminal sends Ctrl-C's SIGINT to the whole group), which writes one line per SIGINT on its
 * stdout. A SIGINT to the script's process alone does not reach it. The helper exits when its
 * stdin closes: when the worker stops or the script ends, however it ends.
 */
import { spawn } from 'node:child_process';
import process from 'node:process';
import type { Log } from '../log.js';

const RELAY_SOURCE = [
  "process.on('SIGINT', () => process.stdout.write('sigint\\n'));",
  "process.stdin.on('end', () => process.exit(0));",
  "process.stdin.on('error', () => process.exit(0));",
  'process.stdin.resume();'
].join('');

/** Starts the helper; returns a function that stops it. */
export function relaySigint(log: Log, onSigint: () => void): () => void {
  const child = spawn(process.execPath, ['-e', RELAY_SOURCE], {
    stdio: ['pipe', 'pipe', 'ignore'],
    env: {}
  });
  let text = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    text += chunk;
    let end: number;
    while ((end = text.indexOf('\n')) >= 0) {
      text = text.slice(end + 1);
      onSigint();
    }
  });
  child.on('error', error => log.error(`cannot hear Ctrl-C: ${error.message}`));
  child.stdin.on('error', () => undefined);
  child.unref();
  return () => {
    child.stdin.destroy();
    child.stdout.destroy();
    child.kill();
  };
}
