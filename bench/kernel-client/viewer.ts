/**
 * A viewer process for the benchmarks (always Node): connects with the handle given as JSON in
 * argv[2], acknowledges every message (`ack`, `panel`) or only the snapshot (`stall`), and on
 * `closed` prints the latencies of the newest row's `t` field in each frame (arrival minus push
 * time, ms) and the arrival time of each frame with rows, as JSON. `panel` asks for decimated datasets at the panel's default plot size, as
 * the JupyterLab panel and the viewer page do; the others get every row.
 */
import { io } from 'socket.io-client';
import {
  SOCKET_PATH,
  readNumbers,
  unpackFrame,
  type PackedFrame,
  type PlotterHandle
} from 'async-plotter/protocol';

const handle = JSON.parse(process.argv[2]) as PlotterHandle;
const mode = process.argv[3] ?? 'ack';
const socket = io(handle.url, {
  path: SOCKET_PATH,
  transports: ['websocket'],
  auth: {
    token: handle.token,
    viewer: `bench-${mode}`,
    plotSize: mode === 'panel' ? { width: 800, height: 200 } : undefined
  },
  reconnection: false
});
const latencies: number[] = [];
const arrivals: number[] = [];
let rows = 0;
let frames = 0;

socket.on('connect', () => process.stdout.write('connected\n'));
socket.on('snapshot', (_snapshot, ack) => ack());
socket.on('frame', (packed: PackedFrame, ack: () => void) => {
  const now = Date.now();
  const frame = unpackFrame(packed);
  frames++;
  let withRows = false;
  for (const update of frame.charts) {
    for (const change of update.datasets) {
      rows += change.rows.length;
      withRows ||= change.rows.length > 0;
      const t = change.rows.columns.t;
      if (t?.type === 'number' && change.rows.length > 0) {
        const times = readNumbers(t.data);
        latencies.push(now - Math.max(...times));
      }
    }
  }
  if (withRows) {
    arrivals.push(now);
  }
  if (mode !== 'stall') {
    ack();
  }
});
socket.on('closed', () => {
  process.stdout.write(JSON.stringify({ rows, frames, latencies, arrivals }) + '\n');
  socket.disconnect();
});
