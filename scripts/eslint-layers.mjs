// An eslint rule that keeps the layers of the tree (docs/architecture.md): files under a folder
// may not import from the folders it names. Each import is resolved against the importing file,
// so `../x` and `../../x` count as the folder they reach; a bare specifier naming one of this
// repository's packages counts as that package's folder. Static and dynamic imports, re-exports,
// `import('…')` types and `require()` are checked.
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

const folders = { type: 'array', items: { type: 'string' }, minItems: 1 };

/** @type {import('eslint').Rule.RuleModule} */
const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'A folder may not import the folders its layer rules out' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          packages: { type: 'object', additionalProperties: { type: 'string' } },
          layers: {
            type: 'array',
            items: {
              type: 'object',
              properties: { from: folders, notInto: folders, why: { type: 'string' } },
              required: ['from', 'notInto', 'why'],
              additionalProperties: false
            }
          }
        },
        required: ['root', 'layers'],
        additionalProperties: false
      }
    ],
    messages: {
      layer:
        '{{from}} may not import {{into}} ("{{specifier}}"): {{why}}. See docs/architecture.md.'
    }
  },
  create(context) {
    const { root, packages = {}, layers } = context.options[0];
    const file = repoPath(root, context.filename);
    if (file === null) {
      return {};
    }
    const mine = layers.filter(layer => layer.from.some(folder => file.startsWith(folder)));
    if (mine.length === 0) {
      return {};
    }

    /** The repository path an import specifier reaches, or null when it leaves the repository. */
    function target(specifier) {
      if (specifier.startsWith('.')) {
        return repoPath(root, resolve(dirname(context.filename), specifier));
      }
      for (const [name, folder] of Object.entries(packages)) {
        if (specifier === name || specifier.startsWith(`${name}/`)) {
          return folder;
        }
      }
      return null;
    }

    function check(node) {
      if (!node || node.type !== 'Literal' || typeof node.value !== 'string') {
        return;
      }
      const reached = target(node.value);
      if (reached === null) {
        return;
      }
      for (const layer of mine) {
        const into = layer.notInto.find(
          folder => reached.startsWith(folder) || `${reached}/` === folder
        );
        if (into) {
          const from = layer.from.find(folder => file.startsWith(folder));
          context.report({
            node,
            messageId: 'layer',
            data: { from, into, specifier: node.value, why: layer.why }
          });
        }
      }
    }

    return {
      ImportDeclaration: node => check(node.source),
      ExportAllDeclaration: node => check(node.source),
      ExportNamedDeclaration: node => check(node.source),
      ImportExpression: node => check(node.source),
      TSImportType: node => check(node.source ?? node.argument?.literal),
      CallExpression: node => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require') {
          check(node.arguments[0]);
        }
      }
    };
  }
};

/** `path` relative to `root` with forward slashes, or null outside it. */
function repoPath(root, path) {
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) {
    return null;
  }
  return inside.split(sep).join('/');
}

export const layers = { meta: { name: 'layers' }, rules: { imports: importsRule } };
