/**
 * Reading a saved notebook for the token of a plotter: the handles its outputs hold and every
 * trace of a token in its bytes. Pure functions: the specs assert on what they return.
 */
import { HANDLE_MIME_TYPE } from 'async-plotter/protocol';

interface SavedOutput {
  output_type: string;
  data?: Record<string, unknown>;
}

/** A handle as a saved output holds it (`token` must be missing). */
export interface SavedHandle {
  url: string;
  token?: unknown;
}

/** The plotter handles of a saved notebook's outputs. */
export function savedHandles(bytes: Buffer): SavedHandle[] {
  const notebook = JSON.parse(bytes.toString('utf8')) as { cells: { outputs?: SavedOutput[] }[] };
  return notebook.cells
    .flatMap(cell => cell.outputs ?? [])
    .map(output => output.data?.[HANDLE_MIME_TYPE] as SavedHandle | undefined)
    .filter(handle => handle !== undefined);
}

/** The traces of `token` in `bytes`: the token whole, or either half. Empty when none. */
export function tokenTraces(bytes: Buffer, token: string): string[] {
  const halves = [token.slice(0, token.length / 2), token.slice(token.length / 2)];
  return [token, ...halves].filter(trace => bytes.includes(Buffer.from(trace, 'utf8')));
}
