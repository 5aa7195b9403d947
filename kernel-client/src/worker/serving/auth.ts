/** The token check every viewer passes before it receives anything. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** Compares in constant time (digests have equal length whatever the input). */
export function tokenMatches(expected: string, presented: unknown): boolean {
  if (typeof presented !== 'string') {
    return false;
  }
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(presented).digest();
  return timingSafeEqual(a, b);
}

/** Why a handshake is refused, for the log (never contains the token). */
export function refusalReason(presented: unknown): string {
  return typeof presented === 'string' && presented.length > 0 ? 'wrong token' : 'missing token';
}
