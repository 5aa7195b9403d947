/**
 * The Deno kernel as the project's kernelspec starts it (kernelspec.ts):
 *
 *   deno run -A --no-config <kernelspec dir>/kernel-launcher.js {connection_file}
 *
 * with `"interrupt_mode": "signal"`. It starts `deno jupyter --kernel --conn <file>` as a child
 * with SIGINT ignored (inherited across exec), so Jupyter's SIGINT, sent to the whole process
 * group, never ends the kernel. The launcher hears it instead and:
 *
 * - if async-plotter is loaded in the kernel (its plot workers connected to the launcher's unix
 *   socket, whose path the child finds in ASYNC_PLOTTER_LAUNCHER_SOCKET), tells them:
 *   they end the cell whatever it does (worker/stop-policy.ts);
 * - otherwise sends `interrupt_request` to the kernel's control port, which is what
 *   `"interrupt_mode": "message"` does (a synchronous cell stops; an awaiting one cannot).
 *
 * Termination comes from Jupyter to the whole group too; the launcher exits with the kernel.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { readConnectionFile, sendInterruptRequest } from './jupyter-control.js';
import { LAUNCHER_SOCKET_ENV } from './stop-state.js';

const connectionFile = process.argv[2];
if (connectionFile === undefined) {
  process.stderr.write('usage: deno run -A kernel-launcher.js <connection_file>\n');
  process.exit(2);
}
const deno = process.env.ASYNC_PLOTTER_DENO ?? process.execPath;
const socketPath = join(tmpdir(), `async-plotter-kernel-${process.pid}.sock`);
const plotters = new Set<Socket>();

const server = createServer(socket => {
  plotters.add(socket);
  socket.on('close', () => plotters.delete(socket));
  socket.on('error', () => plotters.delete(socket));
});
rmSync(socketPath, { force: true });
server.listen(socketPath);

// The Deno path goes through the environment: Deno rewrites arguments that follow its own path.
const kernel = spawn(
  '/bin/sh',
  [
    '-c',
    `trap '' INT; exec "$ASYNC_PLOTTER_KERNEL_DENO" jupyter --kernel --conn "$0"`,
    connectionFile
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, ASYNC_PLOTTER_KERNEL_DENO: deno, [LAUNCHER_SOCKET_ENV]: socketPath }
  }
);

process.on('SIGINT', () => {
  if (plotters.size > 0) {
    for (const socket of plotters) {
      socket.write('interrupt\n');
    }
    return;
  }
  sendInterruptRequest(readConnectionFile(connectionFile)).catch((error: unknown) => {
    process.stderr.write(
      `async-plotter kernel launcher: interrupt_request failed: ${String(error)}\n`
    );
  });
});
for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => kernel.kill(signal));
}
kernel.on('exit', (code, signal) => {
  server.close();
  rmSync(socketPath, { force: true });
  process.exit(code ?? (signal === null ? 1 : 128 + 15));
});
