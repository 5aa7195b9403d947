/**
 * Sends `interrupt_request` to a Jupyter kernel's control channel, the way JupyterLab does for a
 * kernelspec with `"interrupt_mode": "message"`. A minimal ZMTP 3.0 client (NULL mechanism,
 * DEALER socket) over `node:net` with the Jupyter wire protocol (HMAC-SHA256 signature): no
 * native addon, works in Deno and Node. The kernel's own plot worker uses it to stop a
 * synchronous cell; the kernel launcher uses it when no plotter is loaded.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';

export interface ConnectionInfo {
  ip: string;
  transport?: string;
  control_port: number;
  key: string;
  signature_scheme?: string;
}

export function readConnectionFile(path: string): ConnectionInfo {
  return JSON.parse(readFileSync(path, 'utf8')) as ConnectionInfo;
}

/** The `--conn <file>` (or `--conn=<file>`) argument of this process (Linux: /proc/self/cmdline). */
export function ownConnectionFile(): string | null {
  let args: string[];
  try {
    args = readFileSync('/proc/self/cmdline', 'utf8').split('\0');
  } catch {
    return null;
  }
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--conn' && i + 1 < args.length) {
      return args[i + 1];
    }
    if (args[i].startsWith('--conn=')) {
      return args[i].slice('--conn='.length);
    }
  }
  return null;
}

const DELIMITER = '<IDS|MSG>';

/** The ZMTP 3.0 greeting of a NULL-mechanism client (64 bytes). */
export function greeting(): Buffer {
  const bytes = Buffer.alloc(64);
  bytes[0] = 0xff;
  bytes[9] = 0x7f;
  bytes[10] = 3;
  bytes[11] = 0;
  bytes.write('NULL', 12, 'ascii');
  return bytes;
}

/** One ZMTP frame; `command` for a command frame, `more` when another frame of the message follows. */
export function frame(body: Buffer, more: boolean, command = false): Buffer {
  const long = body.length > 255;
  const flags = (more ? 0x01 : 0) | (long ? 0x02 : 0) | (command ? 0x04 : 0);
  const head = Buffer.alloc(long ? 9 : 2);
  head[0] = flags;
  if (long) {
    head.writeBigUInt64BE(BigInt(body.length), 1);
  } else {
    head[1] = body.length;
  }
  return Buffer.concat([head, body]);
}

/** The READY command announcing a DEALER socket. */
export function readyCommand(): Buffer {
  const name = Buffer.from('Socket-Type', 'ascii');
  const value = Buffer.from('DEALER', 'ascii');
  const size = Buffer.alloc(4);
  size.writeUInt32BE(value.length);
  const body = Buffer.concat([
    Buffer.from([5]),
    Buffer.from('READY', 'ascii'),
    Buffer.from([name.length]),
    name,
    size,
    value
  ]);
  return frame(body, false, true);
}

/** The frames of a Jupyter message: delimiter, signature, header, parent, metadata, content. */
export function jupyterMessage(
  key: string,
  msgType: string,
  content: Record<string, unknown>
): Buffer[] {
  const header = JSON.stringify({
    msg_id: randomUUID(),
    session: randomUUID(),
    username: 'async-plotter',
    date: new Date().toISOString(),
    msg_type: msgType,
    version: '5.3'
  });
  const parts = [header, '{}', '{}', JSON.stringify(content)];
  const signature =
    key === ''
      ? ''
      : parts.reduce((hmac, part) => hmac.update(part), createHmac('sha256', key)).digest('hex');
  return [DELIMITER, signature, ...parts].map(part => Buffer.from(part, 'utf8'));
}

/** Parses ZMTP frames out of `buffer`; returns them and the unparsed rest. */
export function parseFrames(buffer: Buffer): {
  frames: { body: Buffer; more: boolean; command: boolean }[];
  rest: Buffer;
} {
  const frames: { body: Buffer; more: boolean; command: boolean }[] = [];
  let offset = 0;
  for (;;) {
    if (buffer.length - offset < 2) {
      break;
    }
    const flags = buffer[offset];
    const long = (flags & 0x02) !== 0;
    const headSize = long ? 9 : 2;
    if (buffer.length - offset < headSize) {
      break;
    }
    const size = long ? Number(buffer.readBigUInt64BE(offset + 1)) : buffer[offset + 1];
    if (buffer.length - offset - headSize < size) {
      break;
    }
    const start = offset + headSize;
    frames.push({
      body: buffer.subarray(start, start + size),
      more: (flags & 0x01) !== 0,
      command: (flags & 0x04) !== 0
    });
    offset = start + size;
  }
  return { frames, rest: buffer.subarray(offset) };
}

/**
 * Sends `interrupt_request` to the kernel described by `info` and resolves with the reply's
 * status (`ok`), or rejects after `timeoutMs` without a reply.
 */
export function sendInterruptRequest(info: ConnectionInfo, timeoutMs = 2000): Promise<string> {
  if ((info.transport ?? 'tcp') !== 'tcp') {
    return Promise.reject(new Error(`unsupported transport ${info.transport}`));
  }
  if ((info.signature_scheme ?? 'hmac-sha256') !== 'hmac-sha256') {
    return Promise.reject(new Error(`unsupported signature scheme ${info.signature_scheme}`));
  }
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: info.ip, port: info.control_port });
    let received: Buffer = Buffer.alloc(0);
    let greeted = false;
    let message: Buffer[] = [];
    const timer = setTimeout(
      () => finish(new Error('no interrupt_reply from the kernel')),
      timeoutMs
    );
    const finish = (error: Error | null, status?: string): void => {
      clearTimeout(timer);
      socket.destroy();
      if (error === null) {
        resolve(status ?? 'ok');
      } else {
        reject(error);
      }
    };
    socket.on('error', error => finish(error));
    socket.on('connect', () => {
      socket.write(greeting());
      socket.write(readyCommand());
      const parts = jupyterMessage(info.key, 'interrupt_request', {});
      socket.write(Buffer.concat(parts.map((part, i) => frame(part, i < parts.length - 1))));
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (!greeted) {
        if (received.length < 64) {
          return;
        }
        if (received[0] !== 0xff || received[10] !== 3) {
          finish(new Error('the control port does not speak ZMTP 3'));
          return;
        }
        greeted = true;
        received = received.subarray(64);
      }
      const { frames, rest } = parseFrames(received);
      received = rest;
      for (const part of frames) {
        if (part.command) {
          continue;
        }
        message.push(part.body);
        if (!part.more) {
          const at = message.findIndex(body => body.toString('utf8') === DELIMITER);
          if (at >= 0 && message.length >= at + 6) {
            const header = JSON.parse(message[at + 2].toString('utf8')) as { msg_type?: string };
            if (header.msg_type === 'interrupt_reply') {
              const content = JSON.parse(message[at + 5].toString('utf8')) as { status?: string };
              finish(null, content.status);
              return;
            }
          }
          message = [];
        }
      }
    });
  });
}
