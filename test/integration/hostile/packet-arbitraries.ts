/**
 * What a hostile viewer sends, as fast-check arbitraries: engine.io/socket.io packets that are
 * malformed, of unknown types, with stray or missing binary attachments, oversized, and events
 * (known or not) with arguments of any shape.
 */
import fc from 'fast-check';
import { MAX_VIEWER_MESSAGE_BYTES } from 'async-plotter/protocol';

/** One thing sent on the websocket. */
export type Sent =
  | { kind: 'text'; payload: string }
  | { kind: 'binary'; payload: Uint8Array }
  | { kind: 'oversized'; bytes: number; binary: boolean }
  | { kind: 'frame'; bytes: Uint8Array };

const EVENTS = ['stop', 'viewport', 'clear', 'rows', 'snapshot', 'frame', 'closed', 'connect'];

/** Any JSON, including the shapes the known events expect, wrong. */
const argument = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record({
    chart: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
    dataset: fc.oneof(fc.string(), fc.constant('data')),
    from: fc.oneof(fc.integer(), fc.double(), fc.constant(-1)),
    count: fc.oneof(fc.integer(), fc.double(), fc.constant(1e12))
  }),
  fc.record({
    chart: fc.string(),
    x: fc.jsonValue({ maxDepth: 2 }),
    y: fc.jsonValue({ maxDepth: 2 }),
    zoomed: fc.jsonValue({ maxDepth: 1 })
  }),
  fc.constant({ _placeholder: true, num: 0 }),
  fc.record({ _placeholder: fc.constant(true), num: fc.integer({ min: -2, max: 10 }) })
);

/** A socket.io EVENT / BINARY_EVENT / ACK packet inside an engine.io MESSAGE. */
const socketIoPacket = fc
  .tuple(
    fc.constantFrom('2', '3', '5', '6'),
    fc.option(fc.nat(20), { nil: undefined }),
    fc.option(fc.nat(1_000_000), { nil: undefined }),
    fc.oneof(fc.constantFrom(...EVENTS), fc.string({ maxLength: 40 })),
    fc.array(argument, { maxLength: 4 })
  )
  .map(([type, attachments, ack, event, args]) => {
    const binary = type === '5' || type === '6';
    const count = binary ? `${attachments ?? 1}-` : '';
    return `4${type}${count}${ack ?? ''}${JSON.stringify([event, ...args])}`;
  });

/** Text that is an engine.io packet only by accident, or of an unknown type. */
const malformedText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .tuple(fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'b'), fc.string())
    .map(([type, rest]) => type + rest),
  fc
    .tuple(fc.constantFrom('40', '41', '42', '43', '44', '45', '46', '47'), fc.string())
    .map(([type, rest]) => type + rest),
  fc.constantFrom('42', '42[', '42{}', '42["stop"', '45-["rows"]', '451-[', '4-1', '42/x,["stop"]')
);

/** A websocket frame with a random header: reserved opcodes, bad lengths, unmasked. */
const rawFrame = fc
  .tuple(
    fc.integer({ min: 0, max: 255 }),
    fc.integer({ min: 0, max: 255 }),
    fc.uint8Array({ maxLength: 64 })
  )
  .map(([first, second, rest]) => Uint8Array.from([first, second, ...rest]));

export const sent: fc.Arbitrary<Sent> = fc.oneof(
  { arbitrary: socketIoPacket.map(payload => ({ kind: 'text' as const, payload })), weight: 5 },
  { arbitrary: malformedText.map(payload => ({ kind: 'text' as const, payload })), weight: 3 },
  {
    arbitrary: fc
      .uint8Array({ maxLength: 2048 })
      .map(payload => ({ kind: 'binary' as const, payload })),
    weight: 2
  },
  {
    arbitrary: fc
      .tuple(fc.integer({ min: MAX_VIEWER_MESSAGE_BYTES + 1, max: 256 * 1024 }), fc.boolean())
      .map(([bytes, binary]) => ({ kind: 'oversized' as const, bytes, binary })),
    weight: 1
  },
  { arbitrary: rawFrame.map(bytes => ({ kind: 'frame' as const, bytes })), weight: 1 }
);

/** Who the hostile viewer claims to be. */
export const credentials = fc.constantFrom<'token' | 'wrong' | 'none' | 'silent'>(
  'token',
  'token',
  'token',
  'wrong',
  'none',
  'silent'
);
