/**
 * A socket.io viewer written byte by byte (engine.io v4 over a raw websocket), for what a real
 * client never sends: malformed packets, unknown packet types, stray binary attachments,
 * oversized frames, acknowledgements of frames it never read.
 */
import { SOCKET_PATH } from 'async-plotter/protocol';
import type { Socket } from 'node:net';
import { frame, FrameReader, upgrade } from '../route/raw-websocket.ts';

export interface RawViewerOptions {
  /** The token to present; null: a CONNECT without auth; undefined: no CONNECT at all. */
  token?: string | null;
  /** Read (and drop) what the server sends; false leaves it in the TCP buffers. */
  read?: boolean;
}

export class RawViewer {
  /** Bytes received after the upgrade. */
  received = 0;
  /** Text frames received (engine.io packets), when reading. */
  readonly texts: string[] = [];
  closed = false;

  private constructor(readonly socket: Socket) {
    socket.once('close', () => (this.closed = true));
    socket.on('error', () => undefined); // a reset by the server is expected here
  }

  static async open(port: number, options: RawViewerOptions = {}): Promise<RawViewer> {
    const upgraded = await upgrade(port, `${SOCKET_PATH}/?EIO=4&transport=websocket`);
    if (upgraded.status !== 101) {
      upgraded.socket.destroy();
      throw new Error(`upgrade refused: ${upgraded.head.split('\r\n')[0]}`);
    }
    const viewer = new RawViewer(upgraded.socket);
    if (options.read ?? true) {
      const reader = new FrameReader();
      const take = (chunk: Buffer) => {
        viewer.received += chunk.length;
        for (const received of reader.push(chunk)) {
          if (received.opcode === 0x1 && viewer.texts.length < 64) {
            viewer.texts.push(received.payload.toString('utf8'));
          }
        }
      };
      take(upgraded.rest);
      upgraded.socket.on('data', take);
      upgraded.socket.resume();
    }
    if (options.token !== undefined) {
      viewer.text(options.token === null ? '40' : `40${JSON.stringify({ token: options.token })}`);
    }
    return viewer;
  }

  /** One text frame (an engine.io packet such as `42["stop"]`). */
  text(payload: string): void {
    this.raw(frame(Buffer.from(payload, 'utf8'), 0x1, true));
  }

  /** One binary frame (an attachment, for engine.io). */
  binary(payload: Uint8Array): void {
    this.raw(frame(Buffer.from(payload), 0x2, true));
  }

  /** Bytes as they are, frame or not. */
  raw(bytes: Buffer): void {
    if (!this.closed && this.socket.writable) {
      this.socket.write(bytes);
    }
  }

  /** Resolves once a text frame starting with `prefix` arrived (or the socket closed). */
  async waitForText(prefix: string, timeoutMs = 5000): Promise<string | null> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.texts.find(text => text.startsWith(prefix));
      if (found !== undefined || this.closed) {
        return found ?? null;
      }
      await new Promise(resolve => setTimeout(resolve, 5));
    }
    return null;
  }

  /** Stops reading for good: what the server sends stays in the TCP buffers, which fill. */
  stopReading(): void {
    this.socket.removeAllListeners('data');
    this.socket.pause();
  }

  /** Ends the TCP connection without a close frame (`reset`: at once, with an RST). */
  drop(reset = false): void {
    if (reset) {
      this.socket.resetAndDestroy();
    } else {
      this.socket.destroy();
    }
  }
}
