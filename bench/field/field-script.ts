/**
 * The field benchmark's script: `field-script.ts <kind> <side> <loopMs> <rateHz>`. Opens a
 * plotter with a line chart and, unless `kind` is `none`, a `side` x `side` field (`field`,
 * drawn as an image) or the same state as rows of a rect `heatmap()` (`heatmap`). Prints
 * `{"viewerUrl"}`, waits for `go`, then for `loopMs` runs a synchronous loop that pushes a row
 * into the line chart every millisecond and replaces the field `rateHz` times a second (a
 * moving pattern), prints `{"done": {"rows", "states"}}`, and closes on `close`.
 */
import process from 'node:process';
import { createInterface } from 'node:readline';
import { field, heatmap, line, open } from 'async-plotter';

const [kind, sideText, loopText, rateText] = process.argv.slice(2);
const side = Number(sideText);
const loopMs = Number(loopText);
const everyMs = 1000 / Number(rateText);
const lines = createInterface({ input: process.stdin });
const waiting: ((text: string) => void)[] = [];
lines.on('line', text => waiting.shift()?.(text));
lines.on('close', () => waiting.splice(0).forEach(resolve => resolve('close')));
const nextLine = (): Promise<string> => new Promise(resolve => waiting.push(resolve));
const print = (value: unknown) => process.stdout.write(JSON.stringify(value) + '\n');

const plotter = await open({ title: `field bench ${kind}`, display: false, browser: false });
const curve = plotter.chart('curve', line({ x: 'step', y: 'v' }));
const image =
  kind === 'field'
    ? plotter.chart('field', field({ title: 'field' }))
    : kind === 'heatmap'
      ? plotter.chart('field', heatmap({ title: 'heatmap' }), { mode: 'replace' })
      : null;
const values = new Float32Array(side * side);
const rows =
  kind === 'heatmap'
    ? Array.from({ length: side * side }, (_, i) => ({
        x: i % side,
        y: Math.floor(i / side),
        value: 0
      }))
    : [];

function fill(phase: number): void {
  for (let r = 0; r < side; r++) {
    const wave = Math.sin(r / 17 + phase);
    for (let c = 0; c < side; c++) {
      values[r * side + c] = wave * Math.cos(c / 23 - phase);
    }
  }
}

print({ viewerUrl: plotter.viewerUrl });
await nextLine();
const start = Date.now();
let pushed = 0;
let states = 0;
let lastPush = 0;
let nextState = start;
for (let now = Date.now(); now - start < loopMs; now = Date.now()) {
  if (now !== lastPush) {
    curve.push({ step: pushed, v: Math.sin(pushed / 300) });
    pushed++;
    lastPush = now;
  }
  if (image !== null && now >= nextState) {
    nextState += everyMs;
    fill(states / 10);
    if (kind === 'field') {
      image.replace({ width: side, height: side, values });
    } else {
      for (let i = 0; i < rows.length; i++) {
        rows[i].value = values[i];
      }
      image.replace(rows);
    }
    states++;
  }
}
print({ done: { rows: pushed, states } });
await nextLine();
await plotter.close();
lines.close();
