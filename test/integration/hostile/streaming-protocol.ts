/** What the test and the computation under attack (fixtures/streaming-plotter.ts) say. */
import type { PlotterHandle } from 'async-plotter/protocol';

/** Rows the windowed chart keeps. */
export const WINDOW = 5000;

export type Command =
  | { cmd: 'phase'; name: string }
  | { cmd: 'pause' }
  | { cmd: 'resume' }
  | { cmd: 'heap' }
  | { cmd: 'samples'; name: string }
  | { cmd: 'close' };

export type Report =
  | { type: 'ready'; handle: PlotterHandle }
  | { type: 'paused'; next: number; version: number; interrupts: number }
  | { type: 'heap'; bytes: number }
  /** On-CPU milliseconds of the computing thread in a phase, and blocks it ran. */
  | { type: 'samples'; cpuMs: number; blocks: number }
  | { type: 'closed'; sink: number };

/** The row pushed `index`-th. */
export function rowOf(index: number): { x: number; y: number } {
  return { x: index, y: (index * 7919) % 1000 };
}

/** The state replaced `version`-th. */
export function stateOf(version: number): { x: number[]; y: number[] } {
  return { x: [0, 1, 2, 3], y: [version, version * 2, -version, version % 7] };
}
