/** The token check every viewer passes before it receives anything, and its refusals. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Refusal } from '../../protocol.js';

/** Compares in constant time (digests have equal length whatever the input). */
export function tokenMatches(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string') {
    return false;
  }
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

/** Why a handshake with the token `presented` is refused (never contains the token). */
export function tokenRefusal(presented: unknown): Refusal {
  return typeof presented === 'string' && presented.length > 0
    ? { code: 'wrong-token', message: 'wrong token' }
    : { code: 'missing-token', message: 'missing token' };
}

/** Why every handshake is refused once the plotter closes. */
export const CLOSING_REFUSAL: Refusal = { code: 'plotter-closing', message: 'plotter closing' };

/**
 * The error socket.io's middleware refuses a handshake with: the viewer's `connect_error` gets
 * `refusal` as `err.data`, and the same words in `err.message`.
 */
export function refusalError(refusal: Refusal): Error & { data: Refusal } {
  return Object.assign(new Error(`async-plotter: ${refusal.message}`), { data: refusal });
}
