// Builds the Notebook 7 host: a Module Federation "core" bundle like the JupyterLab host's
// (../webpack.config.js), sharing the same packages as it (../package.json `resolutions` and
// `singletonPackages`, which `build-labextension --core-path host` read to build the project's
// extension) plus Notebook's own, so that the same prebuilt extension loads into both. Built-in
// plugins are listed per page (package.json `jupyterlab.plugins`), as in Notebook's own app.
// Output: build/static, build/schemas and build/themes, served by async_plotter_notebook.
const path = require('path');
const { Build } = require('@jupyterlab/builder');
const {
  coreBundleConfig,
  extensionEntries,
  sharedScope,
  writeGenerated
} = require('../core-bundle');

const labData = require('../package.json');
const packageData = require('./package.json');
const buildDir = path.resolve(__dirname, 'build');
const generatedDir = path.join(buildDir, 'generated');
const { plugins, mimeExtensions, singletonPackages } = packageData.jupyterlab;

// One list of built-in packages per page ("/" for every page, "/tree", "/notebooks", ...).
const pages = Object.entries(plugins).map(
  ([page, packages]) => `  ${JSON.stringify(page)}: ${extensionEntries(packages, '    ')}`
);
const origin = 'host/notebook/webpack.config.js from package.json';
writeGenerated(
  generatedDir,
  'pages.js',
  `export default {\n${pages.join(',\n')}\n};\n`,
  `${origin} "jupyterlab.plugins"`
);
writeGenerated(
  generatedDir,
  'mime-extensions.js',
  `export default ${extensionEntries(mimeExtensions)};\n`,
  `${origin} "jupyterlab.mimeExtensions"`
);

const packageNames = new Set([
  ...Object.values(plugins).flatMap(packages => Object.keys(packages)),
  ...Object.keys(mimeExtensions)
]);
// Settings schemas to build/schemas, build/generated/style.js, and the configurations of build/themes.
const themeConfigs = Build.ensureAssets({
  packageNames: [...packageNames],
  output: generatedDir,
  schemaOutput: buildDir,
  themeOutput: buildDir
});

const shared = sharedScope(
  { ...labData.resolutions, ...packageData.resolutions },
  [...labData.jupyterlab.singletonPackages, ...singletonPackages],
  __dirname
);

const hostConfig = coreBundleConfig({
  entry: path.resolve(__dirname, 'src/bootstrap.js'),
  staticDir: path.join(buildDir, 'static'),
  generatedDir,
  shared
});

module.exports = [hostConfig, ...themeConfigs];
