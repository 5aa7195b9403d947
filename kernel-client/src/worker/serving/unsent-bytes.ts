/**
 * Bytes the server holds for one viewer that have not reached the network: engine.io's queue of
 * packets plus what the websocket has buffered. It grows when a viewer stops reading (its TCP
 * window is full) while it still acknowledges, or while its answers to `rows` pile up.
 */
import type { Socket } from 'socket.io';

interface EngineConnection {
  writeBuffer?: { data?: unknown }[];
  transport?: { socket?: { bufferedAmount?: unknown } };
}

function packetBytes(data: unknown): number {
  if (typeof data === 'string') {
    return data.length;
  }
  if (data instanceof ArrayBuffer || ArrayBuffer.isView(data)) {
    return data.byteLength;
  }
  return 0;
}

export function unsentBytes(socket: Socket): number {
  const connection = socket.conn as unknown as EngineConnection;
  let bytes = 0;
  for (const packet of connection.writeBuffer ?? []) {
    bytes += packetBytes(packet.data);
  }
  const buffered = connection.transport?.socket?.bufferedAmount;
  return bytes + (typeof buffered === 'number' ? buffered : 0);
}
