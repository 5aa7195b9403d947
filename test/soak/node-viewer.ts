/**
 * The soak's Node viewer: a socket.io-client that keeps the rows of "window" (append, every row,
 * within the window) and "state" (replace), acknowledging each message as the panel does.
 */
import { io, type Socket } from 'socket.io-client';
import {
  SOCKET_PATH,
  readNumbers,
  readValue,
  unpackFrame,
  unpackSnapshot
} from 'async-plotter/protocol';
import type {
  ChartUpdate,
  ClientToServerEvents,
  ServerToClientEvents,
  WireRows
} from 'async-plotter/protocol';

type Row = Record<string, unknown>;

function decode(rows: WireRows): Row[] {
  const out: Row[] = Array.from({ length: rows.length }, () => ({}));
  for (const [name, column] of Object.entries(rows.columns)) {
    const numbers = column.type === 'number' ? readNumbers(column.data) : null;
    out.forEach((row, k) => (row[name] = readValue(column, numbers, k)));
  }
  return out;
}

export class SoakViewer {
  readonly rows = new Map<string, Row[]>();
  private readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  constructor(url: string, token: string) {
    this.socket = io(url, {
      path: SOCKET_PATH,
      transports: ['websocket'],
      auth: { token, viewer: 'soak-node' },
      reconnection: false,
      forceNew: true
    });
    this.socket.on('snapshot', (snapshot, ack) => {
      this.rows.clear();
      this.apply(unpackSnapshot(snapshot).charts);
      ack();
    });
    this.socket.on('frame', (frame, ack) => {
      this.apply(unpackFrame(frame).charts);
      ack();
    });
  }

  close(): void {
    this.socket.disconnect();
  }

  private apply(charts: ChartUpdate[]): void {
    for (const chart of charts) {
      for (const update of chart.datasets) {
        const incoming = decode(update.rows);
        if (update.mode !== 'append') {
          this.rows.set(chart.chart, incoming);
          continue;
        }
        const held = update.reset ? [] : (this.rows.get(chart.chart) ?? []);
        held.push(...incoming);
        this.rows.set(chart.chart, update.window === null ? held : held.slice(-update.window));
      }
    }
  }
}
