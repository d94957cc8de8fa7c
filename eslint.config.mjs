// @ts-check
// ESLint: the recommended JavaScript and typescript-eslint rules (not the
// type-checked ones, so `npm run lint` stays fast; `npm run typecheck` is the
// type check), plus the layer rule of CONTRIBUTING.md ("Layers").
// Neither recommended set has formatting rules, so Prettier needs no
// eslint-config-prettier. The layer rule sees import/export statements, not
// a dynamic import() or require() (src/ and webview-ui/ have none).
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// ── The layer rule ──────────────────────────────────────────────────────────
// Imports point downward only. Each entry names the folders a layer must not
// import and the modules it must not import (type-only imports included).
const SEE = 'See CONTRIBUTING.md, "Layers".';
const HOST_ONLY = { name: 'vscode', message: `Only src/ui/ and src/extension.ts import vscode. ${SEE}` };
const NODE_ONLY_LIBRARIES = ['lowdb', 'simple-git'];
const NODE_BUILTINS = [...new Set(builtinModules.map((name) => name.replace(/^node:/, '')))];

/** A pattern for relative imports (`../store/x`, `../../../src/store/x`) into the given src/ folders. */
function intoFolders(folders, message) {
  return { regex: `(^|/)(\\.\\.|src)/(${folders.join('|')})(/|$)`, message };
}

/** One config object per layer: a file matches exactly one, so no list is overridden by another. */
function layer(name, { files, ignores = [], folders = [], modules = [], message }) {
  const paths = modules.map((module) => (typeof module === 'string' ? { name: module, message } : module));
  const patterns = folders.length ? [intoFolders(folders, message)] : [];
  return {
    name: `incident-responder/layer/${name}`,
    files,
    ignores,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { paths, patterns }] },
  };
}

const layers = [
  layer('core', {
    files: ['src/core/**/*.ts'],
    folders: ['store', 'git', 'workflows', 'agent', 'cli', 'ui', 'extension', 'protocol'],
    // Core uses no Node module today; it stays runnable in the webview and in plain tests.
    modules: [HOST_ONLY, ...NODE_ONLY_LIBRARIES, ...NODE_BUILTINS, ...NODE_BUILTINS.map((name) => `node:${name}`)],
    message: `src/core is the pure domain: no other layer, no vscode, lowdb, simple-git or Node modules. ${SEE}`,
  }),
  layer('store', {
    files: ['src/store/**/*.ts'],
    folders: ['git', 'workflows', 'agent', 'cli', 'ui', 'extension', 'protocol'],
    modules: [HOST_ONLY],
    message: `src/store imports only src/core. ${SEE}`,
  }),
  layer('git', {
    files: ['src/git/**/*.ts'],
    folders: ['workflows', 'agent', 'cli', 'ui', 'extension', 'protocol'],
    modules: [HOST_ONLY],
    message: `src/git imports only src/store and src/core. ${SEE}`,
  }),
  layer('workflows', {
    files: ['src/workflows/**/*.ts'],
    folders: ['agent', 'cli', 'ui', 'extension', 'protocol'],
    modules: [HOST_ONLY],
    message: `src/workflows imports only src/git, src/store and src/core. ${SEE}`,
  }),
  layer('agent', {
    files: ['src/agent/**/*.ts'],
    folders: ['cli', 'ui', 'extension', 'protocol'],
    modules: [HOST_ONLY],
    message: `src/agent (the tools for AI agents) imports only src/workflows, src/git, src/store and src/core; VS Code and the command line import it. ${SEE}`,
  }),
  layer('cli', {
    files: ['src/cli/**/*.ts'],
    folders: ['ui', 'extension'],
    modules: [HOST_ONLY],
    message: `The CLI runs without VS Code: it imports no src/ui. ${SEE}`,
  }),
  layer('protocol', {
    files: ['src/protocol.ts'],
    modules: [HOST_ONLY],
    message: SEE,
  }),
  // Any other folder under src/ (a new layer) is held to the vscode rule too.
  layer('rest of src', {
    files: ['src/**/*.ts'],
    ignores: ['src/ui/**', 'src/extension.ts', 'src/core/**', 'src/store/**', 'src/git/**', 'src/workflows/**', 'src/agent/**', 'src/cli/**', 'src/protocol.ts'],
    modules: [HOST_ONLY],
    message: SEE,
  }),
  layer('webview', {
    files: ['webview-ui/**/*.ts'],
    folders: ['store', 'git', 'workflows', 'cli', 'ui', 'extension'],
    modules: [
      { name: 'vscode', message: `The webview talks to the extension by messages (src/protocol.ts), never through vscode. ${SEE}` },
      ...NODE_ONLY_LIBRARIES,
      ...NODE_BUILTINS,
      ...NODE_BUILTINS.map((name) => `node:${name}`),
    ],
    message: `The webview runs in a browser: it imports only src/core and src/protocol.ts. ${SEE}`,
  }),
];

export default defineConfig(
  // Build outputs, generated code and the shared code-server install.
  globalIgnores(['dist/', 'out/', '.vscode-test/', '.test-results/', 'test-artifacts/', 'src/store/generated/*.js']),
  // A disable comment that no longer disables anything is an error, so none lingers.
  { name: 'incident-responder/linter-options', linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    name: 'incident-responder/node-scripts',
    files: ['scripts/**/*.{js,mjs,cjs}', '*.mjs'],
    languageOptions: { globals: globals.node },
  },
  {
    // CommonJS has only require(); mocha loads its reporter from a .cjs file.
    name: 'incident-responder/commonjs',
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    name: 'incident-responder/rules',
    rules: {
      // The code drops a key by destructuring it beside `...rest` (`const { timeline: _t, ...rest } = x`).
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  ...layers,
);
