import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layers } from './scripts/eslint-layers.mjs';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/lib/**',
      'kernel-client/viewer/**',
      'host/build/**',
      'host/notebook/build/**',
      'jupyterlab_async_plotter/**',
      '.scratch/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**'
    ]
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node, Deno: 'readonly' }
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'smart'],
      curly: ['error', 'all']
    }
  },
  {
    // The layers of docs/architecture.md: a folder under `from` may not import from `notInto`.
    plugins: { layers },
    rules: {
      'layers/imports': [
        'error',
        {
          root: import.meta.dirname,
          packages: { 'jupyterlab-async-plotter': 'src/', 'async-plotter': 'kernel-client/' },
          layers: [
            {
              from: ['src/viewer/'],
              notInto: ['src/jupyterlab/', 'src/page/'],
              why: 'the viewer core is shared by the JupyterLab panel and the viewer page and depends on neither'
            },
            {
              from: ['kernel-client/'],
              notInto: ['src/'],
              why: 'the npm package async-plotter is built and published without the extension'
            },
            {
              from: [
                'kernel-client/src/recording/',
                'kernel-client/src/stopping/',
                'kernel-client/src/showing/'
              ],
              notInto: ['kernel-client/src/worker/'],
              why: 'the computing thread reaches the worker only through messages and shared memory'
            },
            {
              from: ['kernel-client/src/worker/storage/'],
              notInto: ['kernel-client/src/worker/serving/'],
              why: 'storage keeps rows and knows nothing of viewers or their connections'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  prettier
);
