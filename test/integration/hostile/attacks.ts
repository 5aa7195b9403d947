/**
 * The attacks on a plot server, each against a `Computation` that keeps pushing. The tests run
 * each for a count of its unit (connections, events, stops, viewers dropped) and assert what
 * the server did; bench/hostile runs each for a fixed time and measures the computing thread's
 * slowdown under it. Each returns its own tallies.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { SOCKET_PATH } from 'async-plotter/protocol';
import { frame } from '../route/raw-websocket.ts';
import { connect, type TestViewer } from '../../support/socket-viewer.ts';
import type { Computation } from './computation.ts';
import { credentials, sent, type Sent } from './packet-arbitraries.ts';
import { RawViewer } from './raw-viewer.ts';

/**
 * How long an attack goes on: until `until` (Date.now()) at the latest, and sooner once `count`
 * of its unit are done or `enough()` holds. A test that sets `count` asserts the count reached.
 */
export interface Budget {
  until: number;
  count?: number;
  enough?: () => boolean;
}

/** A budget of `count` units, with a minute for them: a loaded machine is slow, not stuck. */
export function counted(count: number): Budget {
  return { until: Date.now() + 60_000, count };
}

/** A budget of `ms` milliseconds from now (the benchmark's). */
export function timed(ms: number): Budget {
  return { until: Date.now() + ms };
}

/** Whether the attack goes on after `done` units. */
function more(budget: Budget, done: number): boolean {
  return (
    Date.now() < budget.until &&
    (budget.count === undefined || done < budget.count) &&
    !(budget.enough?.() ?? false)
  );
}

/** fast-check's parameters for a budget: the count as runs, the time left as the limit. */
function runs(budget: Budget): fc.Parameters<unknown> {
  return {
    numRuns: budget.count ?? 1_000_000,
    interruptAfterTimeLimit: Math.max(1, budget.until - Date.now()),
    markInterruptAsFailure: false
  };
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

function send(viewer: RawViewer, item: Sent): void {
  switch (item.kind) {
    case 'text':
      viewer.text(item.payload);
      break;
    case 'binary':
      viewer.binary(item.payload);
      break;
    case 'oversized': {
      const payload = Buffer.alloc(item.bytes, 0x61);
      payload[0] = 0x34; // '4': an engine.io message
      viewer.raw(frame(payload, item.binary ? 0x2 : 0x1, true));
      break;
    }
    case 'frame':
      viewer.raw(Buffer.from(item.bytes));
      break;
  }
}

/** The plot server still answers plain HTTP. */
async function answers(port: number): Promise<boolean> {
  const response = await fetch(`http://127.0.0.1:${port}/async-plotter/identity`);
  return response.ok;
}

/**
 * Raw websockets with a right, wrong, missing or no token send malformed packets, stray
 * attachments and oversized messages, then drop; after each, the server must still answer
 * HTTP (fast-check fails the attack otherwise). Unit: a connection.
 */
export async function malformedPackets(
  computation: Computation,
  budget: Budget
): Promise<{ connections: number }> {
  let connections = 0;
  await fc.assert(
    fc.asyncProperty(
      credentials,
      fc.array(sent, { minLength: 1, maxLength: 12 }),
      async (who, items) => {
        connections++;
        const token =
          who === 'token'
            ? computation.handle.token
            : who === 'wrong'
              ? 'wrong'
              : who === 'none'
                ? null
                : undefined;
        const viewer = await RawViewer.open(computation.port, { token });
        for (const item of items) {
          send(viewer, item);
        }
        await sleep(2);
        viewer.drop(connections % 2 === 0);
        return answers(computation.port);
      }
    ),
    runs(budget)
  );
  return { connections };
}

/**
 * An authenticated socket.io client emits unknown events and stop, viewport, clear and rows
 * with arguments of any shape, with and without an acknowledgement; it must stay connected
 * (fast-check fails the attack otherwise). Unit: an event.
 */
export async function malformedEvents(
  computation: Computation,
  budget: Budget
): Promise<{ events: number }> {
  let events = 0;
  const socket = io(computation.handle.url, {
    path: SOCKET_PATH,
    transports: ['websocket'],
    auth: { token: computation.handle.token, viewer: 'fuzzer' },
    reconnection: false,
    forceNew: true
  });
  socket.on('snapshot', (_, ack: () => void) => ack());
  socket.on('frame', (_, ack: () => void) => ack());
  await new Promise<void>(resolve => socket.once('connect', () => resolve()));
  const event = fc.oneof(
    fc.constantFrom('viewport', 'clear', 'rows'),
    fc.string({ maxLength: 30 })
  );
  await fc.assert(
    fc.asyncProperty(
      event,
      fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 3 }),
      fc.boolean(),
      async (name, args, withAck) => {
        events++;
        const raw = socket as unknown as { emit(event: string, ...rest: unknown[]): void };
        if (withAck) {
          raw.emit(name, ...args, () => undefined);
        } else {
          raw.emit(name, ...args);
        }
        if (events % 50 === 0) {
          await sleep(1);
        }
        return socket.connected;
      }
    ),
    runs(budget)
  );
  socket.disconnect();
  return { events };
}

/**
 * An authenticated viewer sends 10 stops per elapsed millisecond, in bursts every few
 * milliseconds; every other one asks for an answer. Unit: a stop.
 */
export async function stopFlood(
  computation: Computation,
  budget: Budget
): Promise<{ sent: number; answered: number; seconds: number }> {
  let sent = 0;
  const viewer = await RawViewer.open(computation.port, { token: computation.handle.token });
  await viewer.waitForText('40');
  const start = Date.now();
  while (more(budget, sent)) {
    const due = Math.min(Math.floor((Date.now() - start) * 10), budget.count ?? Infinity);
    for (; sent < due; sent++) {
      viewer.text(sent % 2 === 0 ? '42["stop"]' : `42${sent}["stop"]`);
    }
    if (more(budget, sent)) {
      await sleep(5);
    }
  }
  const seconds = (Date.now() - start) / 1000;
  await sleep(200);
  const answered = viewer.texts.filter(text => /^43\d+\[true\]$/.test(text)).length;
  viewer.drop();
  return { sent, answered, seconds };
}

/**
 * Handshakes with no token, a wrong one, and the right one with a character changed, 20 at a
 * time; counts those the server refuses with the reason. Unit: a handshake.
 */
export async function badHandshakes(
  computation: Computation,
  budget: Budget
): Promise<{ tries: number; refused: number }> {
  let tries = 0;
  let refused = 0;
  const one = async (k: number): Promise<void> => {
    const token =
      k % 3 === 0 ? null : k % 3 === 1 ? 'wrong' : computation.handle.token.replace(/./, 'x');
    const viewer = await RawViewer.open(computation.port, { token });
    const answer = await viewer.waitForText('44');
    if (answer !== null && /wrong token|missing token/.test(answer)) {
      refused++;
    }
    viewer.drop();
  };
  await Promise.all(
    Array.from({ length: 20 }, async () => {
      while (more(budget, tries)) {
        await one(tries++);
      }
    })
  );
  return { tries, refused };
}

/** Every row of the windowed chart, as an export asks for it. */
const ROWS_REQUEST = JSON.stringify({ chart: 'stream', dataset: 'data', from: 0, count: 1 << 17 });

/**
 * Three viewers that never read (their TCP windows fill) acknowledge every id a frame can have
 * had by now, as if each had been read, and ask for every row 20 times per viewer and tick.
 * Unit: none (give `until` or `enough`).
 */
export async function blindAcknowledgements(
  computation: Computation,
  budget: Budget
): Promise<{ acks: number; requests: number }> {
  let acks = 0;
  let requests = 0;
  // socket.io numbers acknowledgements per namespace: a first viewer reads the id of its
  // snapshot and leaves. The others never read anything (a socket that read fast has a
  // larger TCP window) and acknowledge every id a frame can have had by now (frames of 3
  // viewers and heartbeats: fewer than 200 ids a second).
  const scout = await RawViewer.open(computation.port, { token: computation.handle.token });
  const base = Number(/^45\d+-(\d+)\[/.exec((await scout.waitForText('45')) ?? '')?.[1]);
  scout.drop();
  assert.ok(Number.isSafeInteger(base), 'the snapshot carries its acknowledgement id');
  const viewers = await Promise.all(
    Array.from({ length: 3 }, () =>
      RawViewer.open(computation.port, { token: computation.handle.token, read: false })
    )
  );
  await sleep(300); // an acknowledgement before the CONNECT is accepted ends the connection
  const start = Date.now();
  while (more(budget, 0)) {
    const last = base + Math.ceil(((Date.now() - start) / 1000) * 200) + 20;
    for (const viewer of viewers) {
      for (let id = base; id <= last; id++) {
        viewer.text(`43${id}[]`);
        acks++;
      }
      // Answers to `rows` are not paced like frames: 20 of up to 80 kB per viewer and tick.
      for (let k = 0; k < 20; k++, requests++) {
        viewer.text(`42${1e6 + requests}["rows",${ROWS_REQUEST}]`);
      }
    }
    await sleep(50);
  }
  viewers.forEach(viewer => viewer.drop(true));
  return { acks, requests };
}

/**
 * Ten viewers connect and never acknowledge their snapshot; each must get nothing after it.
 * Unit: none (give `until`).
 */
export async function silentViewers(
  computation: Computation,
  budget: Budget
): Promise<{ viewers: number }> {
  const viewers: TestViewer[] = await Promise.all(
    Array.from({ length: 10 }, (_, k) =>
      connect(computation.handle, { name: `mute${k}`, stallAfter: 0 })
    )
  );
  await sleep(Math.max(0, budget.until - Date.now()));
  for (const viewer of viewers) {
    assert.equal(viewer.messages, 1, 'nothing after the unacknowledged snapshot');
    viewer.close();
  }
  return { viewers: viewers.length };
}

/**
 * Viewers, 10 at a time, drop their connection after a few kB of their snapshot (about 80 kB of
 * attachments), half with a reset. Unit: a viewer dropped.
 */
export async function midFrameDrops(
  computation: Computation,
  budget: Budget
): Promise<{ dropped: number }> {
  let started = 0;
  let dropped = 0;
  const one = async (k: number): Promise<void> => {
    const viewer = await RawViewer.open(computation.port, { token: computation.handle.token });
    // The snapshot is on its way once the CONNECT is answered.
    while (viewer.received < 2048 + (k % 7) * 4096 && !viewer.closed) {
      await sleep(1);
    }
    viewer.drop(k % 2 === 0);
    dropped++;
  };
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (more(budget, started)) {
        await one(started++);
      }
    })
  );
  return { dropped };
}
