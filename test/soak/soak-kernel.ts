/** The code the soak runs in its Deno kernel: a stream into a window and a replaced state. */

/** Rows the windowed chart keeps. */
export const SOAK_WINDOW = 2000;

/** The row pushed `index`-th, and the state replaced `version`-th. */
export function soakRow(index: number): { i: number; y: number } {
  return { i: index, y: (index * 7919) % 1000 };
}

export function soakState(version: number): { k: number; v: number }[] {
  return [0, 1, 2, 3].map(k => ({ k, v: k === 0 ? version : (version * (k + 1)) % 997 }));
}

/**
 * Opens plotter "soak", then streams in the background (the kernel stays idle between
 * timers): 50 rows into "window" and a new "state" every 20 ms, and every `sampleMs` appends
 * the kernel's RSS and the plot worker's memory to `samplesFile`. Prints the viewer page's
 * link and the kernel's pid.
 */
export function startCode(samplesFile: string, sampleMs: number): string {
  return `import { line, open } from "npm:async-plotter";
const plot = await open({ title: "soak" });
const win = plot.chart("window", line({ x: "i", y: "y" }), { window: ${SOAK_WINDOW} });
const state = plot.chart("state", line({ x: "k", y: "v" }), { mode: "replace" });
const diagnose = (plot as any)[Symbol.for("async-plotter.diagnostics")].bind(plot);
const sample = async () => {
  const worker = await diagnose("heap");
  const line = { t: Date.now(), pid: Deno.pid, rss: Deno.memoryUsage().rss, worker };
  Deno.writeTextFileSync(${JSON.stringify(samplesFile)}, JSON.stringify(line) + "\\n", { append: true });
};
(globalThis as any).soakStop = false;
(globalThis as any).soakDone = (async () => {
  let i = 0;
  let version = 0;
  let sampled = 0;
  while (!(globalThis as any).soakStop) {
    for (let k = 0; k < 50; k++, i++) win.push({ i, y: (i * 7919) % 1000 });
    version++;
    state.replace([0, 1, 2, 3].map(k => ({ k, v: k === 0 ? version : (version * (k + 1)) % 997 })));
    if (Date.now() - sampled >= ${sampleMs}) {
      sampled = Date.now();
      await sample();
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
  return { rows: i, version };
})();
console.log(JSON.stringify({ viewerUrl: plot.viewerUrl, pid: Deno.pid }));`;
}

/** Ends the stream; prints what was pushed in the end. */
export const STOP_CODE = `(globalThis as any).soakStop = true;
console.log(JSON.stringify({ final: await (globalThis as any).soakDone }));`;
