/**
 * Lets a stop end a notebook cell that is awaiting. Deno's kernel cannot interrupt an awaiting
 * cell (the reply never comes), and neither a throw from a timer nor an unhandled rejection ends
 * it; rejecting the promise it awaits does. So, in a notebook kernel, `globalThis.Promise`
 * becomes a function that creates ordinary native promises and remembers the reject function of
 * each until it settles; a stop rejects every one still pending.
 *
 * Native promises are returned (a `class extends Promise` breaks Deno's timers): `instanceof
 * Promise`, the static methods (they construct through `this`, so `Promise.all(...)` is tracked
 * too) and `.then` chains behave as before. Promises created by the runtime itself (`fetch`,
 * file reads, `async` functions) are not tracked; the ones they wait on usually are.
 */

type Reject = (reason: unknown) => void;
type Executor<T> = (resolve: (value: T | PromiseLike<T>) => void, reject: Reject) => void;

const INSTALLED = Symbol.for('async-plotter.tracked-promises');

interface Tracker {
  native: PromiseConstructor;
  pending: Map<Reject, Promise<unknown>>;
}

function noop(): void {}

/** Replaces `globalThis.Promise` once per process; later calls return the same tracker. */
export function installTrackedPromises(): Tracker {
  const global = globalThis as unknown as { [INSTALLED]?: Tracker; Promise: PromiseConstructor };
  const existing = global[INSTALLED];
  if (existing !== undefined) {
    return existing;
  }
  const native = global.Promise;
  const pending = new Map<Reject, Promise<unknown>>();
  function TrackedPromise<T>(executor: Executor<T>): Promise<T> {
    if (typeof executor !== 'function') {
      // Same TypeError as the native constructor.
      return new native<T>(executor);
    }
    let rejectNow: Reject = noop;
    let settled = false;
    const promise = new native<T>((resolve, reject) => {
      rejectNow = reject;
      try {
        executor(
          value => {
            settled = true;
            pending.delete(rejectNow);
            resolve(value);
          },
          reason => {
            settled = true;
            pending.delete(rejectNow);
            reject(reason);
          }
        );
      } catch (error) {
        settled = true;
        reject(error);
      }
    });
    if (!settled) {
      pending.set(rejectNow, promise);
    }
    return promise;
  }
  TrackedPromise.prototype = native.prototype;
  Object.setPrototypeOf(TrackedPromise, native);
  Object.defineProperty(TrackedPromise, 'name', { value: 'Promise' });
  global.Promise = TrackedPromise as unknown as PromiseConstructor;
  const tracker: Tracker = { native, pending };
  global[INSTALLED] = tracker;
  return tracker;
}

/** How many tracked promises are pending (tests and debugging). */
export function pendingPromises(): number {
  const tracker = (globalThis as { [INSTALLED]?: Tracker })[INSTALLED];
  return tracker?.pending.size ?? 0;
}

/**
 * Rejects every pending tracked promise with `reason`; returns how many. Each gets a no-op
 * handler first, so one nobody awaits is not reported as an unhandled rejection.
 */
export function rejectPendingPromises(reason: unknown): number {
  const tracker = (globalThis as { [INSTALLED]?: Tracker })[INSTALLED];
  if (tracker === undefined) {
    return 0;
  }
  const entries = [...tracker.pending];
  tracker.pending.clear();
  for (const [reject, promise] of entries) {
    tracker.native.prototype.then.call(promise, undefined, noop);
    reject(reason);
  }
  return entries.length;
}
