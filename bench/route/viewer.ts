/**
 * A viewer process for the route benchmark (Node): connects with the handle given as JSON in
 * argv[2] to the address in argv[3] (JSON: `{url, path, headers}`, direct or through the
 * route), acknowledges every message, and measures in the mode argv[4]:
 *   latency    — per-row latency of the `t` column (arrival minus push time, ms) until the
 *                plotter closes; prints `{rows, frames, latencies}`;
 *   throughput — binary bytes received per second over argv[5] ms after the first frame;
 *                prints `{bytes, frames, ms}` and disconnects.
 */
import { io, type Socket } from 'socket.io-client';
import {
  unpackFrame,
  type ClientToServerEvents,
  type PlotterHandle,
  type ServerToClientEvents
} from 'async-plotter/protocol';

const handle = JSON.parse(process.argv[2]) as PlotterHandle;
const address = JSON.parse(process.argv[3]) as {
  url: string;
  path: string;
  headers: Record<string, string>;
};
const mode = process.argv[4];
const durationMs = Number(process.argv[5] ?? 2000);
const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(address.url, {
  path: address.path,
  extraHeaders: address.headers,
  transports: ['websocket'],
  auth: { token: handle.token, viewer: `bench-${mode}` },
  reconnection: false
});
const latencies: number[] = [];
let rows = 0;
let frames = 0;
let bytes = 0;
let start = 0;

socket.on('connect', () => process.stdout.write('connected\n'));
socket.on('connect_error', error => {
  process.stderr.write(`viewer: ${error.message}\n`);
  process.exit(1);
});
socket.on('snapshot', (_snapshot, ack) => ack());
socket.on('frame', (packed, ack) => {
  const frame = unpackFrame(packed);
  const now = Date.now();
  frames++;
  for (const update of frame.charts) {
    for (const change of update.datasets) {
      rows += change.rows.length;
      for (const column of Object.values(change.rows.columns)) {
        if (column.type === 'number') {
          bytes += column.data.byteLength;
        }
      }
      const t = change.rows.columns.t;
      if (mode === 'latency' && t?.type === 'number') {
        const times = t.data;
        for (let i = 0; i < times.length; i++) {
          latencies.push(now - times[i]);
        }
      }
    }
  }
  ack();
  if (mode === 'throughput' && frame.charts.length > 0) {
    if (start === 0) {
      start = performance.now();
      bytes = 0;
      frames = 0;
    } else if (performance.now() - start >= durationMs) {
      const ms = performance.now() - start;
      process.stdout.write(JSON.stringify({ bytes, frames, ms }) + '\n');
      socket.disconnect();
    }
  }
});
socket.on('closed', () => {
  process.stdout.write(JSON.stringify({ rows, frames, latencies }) + '\n');
  socket.disconnect();
});
