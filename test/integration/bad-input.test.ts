/** Bad input throws at the call site, naming chart, dataset, field and expectation (Deno, Node). */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { badInputOutcomes, type Outcome } from './fixtures/bad-input.ts';
import { command } from '../support/runtimes.ts';

const EXPECTED: [string, string | null, RegExp | null][] = [
  ['spec rejected', 'PlotInputError', /chart "bad": Vega-Lite rejects the spec: .*field type/],
  [
    'unknown mark',
    'PlotInputError',
    /chart "bad": Vega-Lite rejects the spec: unknown mark "lines"/
  ],
  ['spec without named data', 'PlotInputError', /chart "bad": the spec has no named dataset/],
  ['dataset absent', 'PlotInputError', /chart "loss", dataset "eval": no such dataset .*has: data/],
  [
    'option names absent dataset',
    'PlotInputError',
    /chart "opt", dataset "eval": .*absent from the spec/
  ],
  [
    'first row lacks field',
    'PlotInputError',
    /chart "loss", dataset "data", field "loss": the data has no "loss", which the spec encodes/
  ],
  ['valid row', null, null],
  [
    'later row lacks field',
    'PlotInputError',
    /chart "loss", dataset "data", field "step": the row has no "step", which the spec encodes \(expected a number\)/
  ],
  [
    'wrong type',
    'PlotInputError',
    /chart "loss", dataset "data", field "loss": expected a number, got a string/
  ],
  ['not a row', 'PlotInputError', /chart "loss", dataset "data": expected a row object, got null/],
  [
    'unequal columns',
    'PlotInputError',
    /chart "loss", dataset "data", field "loss": columns of unequal length: "step" has 3 values, "loss" has 2/
  ],
  [
    'non-array column',
    'PlotInputError',
    /chart "loss", dataset "data", field "step": expected an array or a numeric typed array .* got a number/
  ],
  [
    'not columns',
    'PlotInputError',
    /chart "loss", dataset "data": expected rows .* or columns .*, got a number/
  ],
  ['NaN and Infinity', null, null],
  [
    'replace on append dataset',
    'PlotInputError',
    /chart "loss", dataset "data": replace\(\) on a dataset in append mode/
  ],
  ['still records', null, null],
  [
    'after close',
    'PlotterClosedError',
    /chart "loss", dataset "data": plotter "bad-input" is closed/
  ],
  [
    'chart after close',
    'PlotterClosedError',
    /plotter "bad-input" is closed; cannot add chart "late"/
  ]
];

function check({ outcomes, received }: { outcomes: Outcome[]; received: unknown[] }): void {
  // The connected viewer got exactly the valid rows: bad input broke nothing.
  assert.deepEqual(received, [
    { step: 1, loss: 0.5 },
    { step: 6, loss: null },
    { step: 7, loss: null },
    { step: 8, loss: 0.25 }
  ]);
  assert.deepEqual(
    outcomes.map(outcome => outcome.label),
    EXPECTED.map(([label]) => label)
  );
  outcomes.forEach((outcome, i) => {
    const [label, name, pattern] = EXPECTED[i];
    assert.equal(outcome.name, name, `${label}: ${outcome.message}`);
    if (pattern !== null) {
      assert.match(outcome.message ?? '', pattern, label);
    }
  });
}

test('node: every bad input throws a named, located error', async () => {
  check(await badInputOutcomes());
});

test('deno: every bad input throws a named, located error', async () => {
  const script = fileURLToPath(new URL('./fixtures/bad-input-main.ts', import.meta.url));
  const [file, args] = command('deno', script, []);
  const { stdout } = await promisify(execFile)(file, args, {
    cwd: fileURLToPath(new URL('../../', import.meta.url))
  });
  check(JSON.parse(stdout.trim().split('\n').at(-1) as string));
});
