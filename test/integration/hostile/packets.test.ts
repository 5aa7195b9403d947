/**
 * Malformed engine.io/socket.io packets, stray binary attachments, oversized messages, unknown
 * events and malformed arguments of known events, sent to a real plot server (a worker of a
 * computation that keeps pushing) by raw websockets and by a socket.io client.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { SOCKET_PATH } from 'async-plotter/protocol';
import { frame } from '../route/raw-websocket.ts';
import { Computation } from './computation.ts';
import { credentials, sent, type Sent } from './packet-arbitraries.ts';
import { RawViewer } from './raw-viewer.ts';
import { assertSurvived, besiege, describeSiege } from './siege.ts';

let computation: Computation;
before(async () => {
  computation = await Computation.start();
});
after(async () => {
  await computation.close();
});

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

test('malformed packets, stray attachments and oversized messages over raw websockets', async t => {
  let runs = 0;
  const result = await besiege(computation, 'packets', async until => {
    await fc.assert(
      fc.asyncProperty(
        credentials,
        fc.array(sent, { minLength: 1, maxLength: 12 }),
        async (who, items) => {
          runs++;
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
          await new Promise(resolve => setTimeout(resolve, 2));
          viewer.drop(runs % 2 === 0);
          return answers(computation.port);
        }
      ),
      {
        numRuns: 1_000_000,
        interruptAfterTimeLimit: until - Date.now(),
        markInterruptAsFailure: false
      }
    );
  });
  t.diagnostic(`${runs} hostile connections; ${describeSiege(result)}`);
  assert.ok(runs > 50, `enough runs in the time (${runs})`);
  assertSurvived(computation, result, [
    /refused viewer from [^:]+: wrong token/,
    /disconnected \(/
  ]);
});

test('unknown events and malformed arguments of stop, viewport, clear and rows', async t => {
  let emitted = 0;
  const result = await besiege(computation, 'events', async until => {
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
          emitted++;
          const raw = socket as unknown as { emit(event: string, ...rest: unknown[]): void };
          if (withAck) {
            raw.emit(name, ...args, () => undefined);
          } else {
            raw.emit(name, ...args);
          }
          if (emitted % 50 === 0) {
            await new Promise(resolve => setTimeout(resolve, 1));
          }
          return socket.connected;
        }
      ),
      {
        numRuns: 1_000_000,
        interruptAfterTimeLimit: until - Date.now(),
        markInterruptAsFailure: false
      }
    );
    socket.disconnect();
  });
  t.diagnostic(`${emitted} events; ${describeSiege(result)}`);
  assert.ok(emitted > 100, `enough events in the time (${emitted})`);
  assertSurvived(computation, result, [/ignored an unknown event ".*" from fuzzer#\d+/]);
});
