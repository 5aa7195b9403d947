/**
 * Websockets at the byte level, for what socket.io cannot do on purpose: a client whose socket
 * is paused (stops reading), a client that vanishes without a close frame, and a fake plot
 * server that sends as fast as its socket takes.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface Upgraded {
  /** HTTP status of the answer to the upgrade request. */
  status: number;
  /** The answer's head (status line and headers). */
  head: string;
  socket: Socket;
  /** Bytes received after the head (the first websocket frames, if any). */
  rest: Buffer;
}

/** Sends a websocket upgrade request to 127.0.0.1:`port` and reads the answer's head. */
export function upgrade(
  port: number,
  path: string,
  headers: Record<string, string> = {}
): Promise<Upgraded> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const lines = [
      `GET ${path} HTTP/1.1`,
      `Host: 127.0.0.1:${port}`,
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
      'Sec-WebSocket-Version: 13',
      ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)
    ];
    socket.write(lines.join('\r\n') + '\r\n\r\n');
    let received = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) {
        return;
      }
      socket.off('data', onData);
      socket.pause();
      const head = received.subarray(0, end).toString('latin1');
      const status = Number(head.split(' ')[1]);
      resolve({ status, head, socket, rest: received.subarray(end + 4) });
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** Accepts a websocket upgrade on a Node http server's 'upgrade' event. */
export function acceptUpgrade(request: IncomingMessage, socket: Duplex): void {
  const accept = createHash('sha1')
    .update(`${request.headers['sec-websocket-key']}${GUID}`)
    .digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Accept: ${accept}\r\n\r\n`
  );
}

/** One unfragmented frame; `masked` for frames a client sends. */
export function frame(payload: Buffer, opcode = 0x2, masked = false): Buffer {
  const length = payload.length;
  const size = length < 126 ? 0 : length <= 0xffff ? 2 : 8;
  const head = Buffer.alloc(2 + size + (masked ? 4 : 0));
  head[0] = 0x80 | opcode;
  head[1] = (masked ? 0x80 : 0) | (size === 0 ? length : size === 2 ? 126 : 127);
  if (size === 2) {
    head.writeUInt16BE(length, 2);
  } else if (size === 8) {
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  if (!masked) {
    return Buffer.concat([head, payload]);
  }
  const mask = randomBytes(4);
  mask.copy(head, 2 + size);
  const body = Buffer.alloc(length);
  for (let i = 0; i < length; i++) {
    body[i] = payload[i] ^ mask[i & 3];
  }
  return Buffer.concat([head, body]);
}

export interface ReceivedFrame {
  opcode: number;
  payload: Buffer;
}

/** Reads frames (masked or not) from a stream of bytes, whatever their chunking. */
export class FrameReader {
  private chunks: Buffer[] = [];
  private size = 0;
  /** Bytes the next frame needs before it can be read (its header, then all of it). */
  private needed = 2;

  /** Adds bytes; returns every frame completed by them. */
  push(chunk: Buffer): ReceivedFrame[] {
    this.chunks.push(chunk);
    this.size += chunk.length;
    const frames: ReceivedFrame[] = [];
    while (this.size >= this.needed) {
      const buffer = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
      this.chunks = [buffer];
      const short = buffer[1] & 0x7f;
      const masked = (buffer[1] & 0x80) !== 0;
      const size = short < 126 ? 0 : short === 126 ? 2 : 8;
      const head = 2 + size + (masked ? 4 : 0);
      if (buffer.length < head) {
        this.needed = head;
        continue;
      }
      const length =
        size === 0
          ? short
          : size === 2
            ? buffer.readUInt16BE(2)
            : Number(buffer.readBigUInt64BE(2));
      if (buffer.length < head + length) {
        this.needed = head + length;
        break;
      }
      const payload = Buffer.from(buffer.subarray(head, head + length));
      if (masked) {
        const mask = buffer.subarray(head - 4, head);
        for (let i = 0; i < payload.length; i++) {
          payload[i] ^= mask[i & 3];
        }
      }
      frames.push({ opcode: buffer[0] & 0x0f, payload });
      this.chunks = [buffer.subarray(head + length)];
      this.size = buffer.length - head - length;
      this.needed = 2;
    }
    return frames;
  }
}
