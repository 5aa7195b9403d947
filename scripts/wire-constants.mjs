// The names the Jupyter server's route (Python) and the TypeScript side both use live in one
// file, jupyterlab_async_plotter/wire.json. The Python package reads it (wire.py); this script
// writes them into kernel-client/src/protocol.ts as constants, so that the protocol module keeps
// no imports (it bundles into the browser as it is).
//
//   node scripts/wire-constants.mjs --write   rewrites the generated part of protocol.ts
//   node scripts/wire-constants.mjs           fails when it differs from wire.json (npm run lint)
import { readFileSync, writeFileSync } from 'node:fs';

const ROOT = new URL('..', import.meta.url);
const SOURCE = 'jupyterlab_async_plotter/wire.json';
const TARGET = 'kernel-client/src/protocol.ts';

/** Each name of wire.json, the constant it becomes and that constant's comment (lines, or
 * functions of the value). */
const CONSTANTS = [
  {
    key: 'service',
    name: 'PLOT_SERVICE',
    doc: ["The `service` of every plot server's answer at `IDENTITY_PATH`."]
  },
  {
    key: 'identityPath',
    name: 'IDENTITY_PATH',
    doc: [
      'Plain HTTP GET path every plot server answers with `PlotServerIdentity` (JSON, no token',
      'needed, nothing secret): how a proxy tells a plot server from any other local service.'
    ]
  },
  {
    key: 'routeName',
    name: 'ROUTE_NAME',
    doc: [
      "The first path segment of the Jupyter server's route after its base URL:",
      value => `\`<base_url>${value}/<port>/\` carries the plot server on that port.`
    ]
  },
  {
    key: 'tokenSegment',
    name: 'TOKEN_SEGMENT',
    doc: [
      "The segment after the route's name where the Jupyter server hands the logged-in user a",
      value => `plotter's token: \`<base_url>async-plotter/${value}/<port>\` (JSON \`{ token }\`).`
    ]
  },
  {
    key: 'tokenFilePrefix',
    name: 'TOKEN_FILE_PREFIX',
    doc: [
      "How the file holding a plotter's token in Jupyter's runtime directory is named:",
      value => `\`${value}<port>.json\`, owner-only (mode 0600).`
    ]
  },
  {
    key: 'routeHeader',
    name: 'ROUTE_HEADER',
    doc: [
      "The header (value `1`) on every answer of the Jupyter server's route, refusals included."
    ]
  }
];

const START = `// Generated from ${SOURCE} by \`node scripts/wire-constants.mjs --write\``;
const END = '// End of the part generated from wire.json.';

function block(wire) {
  const keys = Object.keys(wire).sort();
  const known = CONSTANTS.map(constant => constant.key).sort();
  if (JSON.stringify(keys) !== JSON.stringify(known)) {
    throw new Error(`${SOURCE} has ${keys.join(', ')}; this script knows ${known.join(', ')}`);
  }
  const lines = [
    START,
    "// (`npm run lint` fails when they differ): names the Jupyter server's route uses too.",
    ''
  ];
  for (const { key, name, doc } of CONSTANTS) {
    const value = wire[key];
    if (typeof value !== 'string' || !/^[\w/.-]+$/.test(value)) {
      throw new Error(`${SOURCE}: "${key}" must be a plain string (letters, digits, / . - _)`);
    }
    const comment = doc.map(line => (typeof line === 'function' ? line(value) : line));
    if (comment.length === 1) {
      lines.push(`/** ${comment[0]} */`);
    } else {
      lines.push('/**', ...comment.map(line => ` * ${line}`), ' */');
    }
    lines.push(`export const ${name} = '${value}';`, '');
  }
  lines.push(END);
  return lines.join('\n');
}

const wire = JSON.parse(readFileSync(new URL(SOURCE, ROOT), 'utf8'));
const text = readFileSync(new URL(TARGET, ROOT), 'utf8');
const start = text.indexOf(START);
const end = text.indexOf(END);
if (start === -1 || end < start) {
  console.error(`${TARGET}: the generated part (from "${START}" to "${END}") is missing`);
  process.exit(1);
}
const wanted = block(wire);
const current = text.slice(start, end + END.length);
if (process.argv.includes('--write')) {
  if (current !== wanted) {
    writeFileSync(
      new URL(TARGET, ROOT),
      text.slice(0, start) + wanted + text.slice(end + END.length)
    );
    console.log(`${TARGET}: rewrote the constants from ${SOURCE}`);
  }
} else if (current !== wanted) {
  console.error(
    `${TARGET}: its constants differ from ${SOURCE}; run node scripts/wire-constants.mjs --write`
  );
  process.exit(1);
}
