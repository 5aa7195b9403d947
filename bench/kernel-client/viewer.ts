/**
 * A viewer process for the benchmarks (always Node): connects with the handle given as JSON in
 * argv[2], acknowledges every message (`ack`) or only the snapshot (`stall`), and on `closed`
 * prints per-row latencies of the `t` field (arrival minus push time, ms) as JSON.
 */
import { io } from 'socket.io-client';
import { SOCKET_PATH, readNumbers, type PlotterHandle } from 'async-plotter/protocol';

const handle = JSON.parse(process.argv[2]) as PlotterHandle;
const mode = process.argv[3] ?? 'ack';
const socket = io(handle.url, {
  path: SOCKET_PATH,
  transports: ['websocket'],
  auth: { token: handle.token, viewer: `bench-${mode}` },
  reconnection: false
});
const latencies: number[] = [];
let rows = 0;
let frames = 0;

socket.on('connect', () => process.stdout.write('connected\n'));
socket.on('snapshot', (_snapshot, ack) => ack());
socket.on('frame', (frame, ack) => {
  const now = Date.now();
  frames++;
  for (const update of frame.charts) {
    for (const change of update.datasets) {
      rows += change.rows.length;
      const t = change.rows.columns.t;
      if (t?.type === 'number') {
        const times = readNumbers(t.data);
        for (let i = 0; i < times.length; i += Math.max(1, Math.floor(times.length / 64))) {
          latencies.push(now - times[i]);
        }
      }
    }
  }
  if (mode === 'ack') {
    ack();
  }
});
socket.on('closed', () => {
  process.stdout.write(JSON.stringify({ rows, frames, latencies }) + '\n');
  socket.disconnect();
});
