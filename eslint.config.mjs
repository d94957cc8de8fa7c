// @ts-check
// ESLint: the recommended JavaScript and typescript-eslint rules (not the
// type-checked ones, so `npm run lint` stays fast; `npm run typecheck` is the
// type check), plus the layer rule of CONTRIBUTING.md ("Layers").
// Neither recommended set has formatting rules, so Prettier needs no
// eslint-config-prettier.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layerRule } from './scripts/layerRule.mjs';

// ── The layer rule ──────────────────────────────────────────────────────────
// Imports point downward only (CONTRIBUTING.md, "Layers"). One entry per
// folder, written as globs, so a new file or subfolder of a layer is held to
// its row with no edit here. Each entry says which folders its files may
// import (`mayImport`: anything else in the project is refused) and which
// modules they must not; every way of naming a module counts, type-only
// imports and dynamic import() included (the rule: scripts/layerRule.mjs).
const SEE = 'See CONTRIBUTING.md, "Layers".';
const HOST_ONLY = { name: 'vscode', message: `Only src/ui/ and src/extension.ts import vscode. ${SEE}` };
const NODE_ONLY_LIBRARIES = ['lowdb', 'simple-git'];
const NODE_BUILTINS = [...new Set(builtinModules.map((name) => name.replace(/^node:/, '')))];
/** What core, the protocol and the webview must not import: they run in the browser too. */
const NODE_MODULES = [...NODE_ONLY_LIBRARIES, ...NODE_BUILTINS, ...NODE_BUILTINS.map((name) => `node:${name}`)];

const CORE = 'src/core/**';
const PROTOCOL = 'src/protocol/**';
const STORE = 'src/store/**';
const GIT = 'src/git/**';
const WORKFLOWS = 'src/workflows/**';
const AGENT = 'src/agent/**';

/** One config object per layer: a file matches exactly one, so no entry is overridden by another. */
function layer(name, { files, ignores = [], mayImport, modules = [], message }) {
  const refused = modules.map((module) => (typeof module === 'string' ? { name: module, message } : module));
  return {
    name: `incident-responder/layer/${name}`,
    files,
    ignores,
    rules: { 'incident-responder/layers': ['error', { layer: name, ...(mayImport && { mayImport }), modules: refused, message }] },
  };
}

const layers = [
  layer('src/core', {
    files: [CORE],
    mayImport: [CORE],
    // Core uses no Node module: it stays runnable in the webview and in plain tests.
    modules: [HOST_ONLY, ...NODE_MODULES],
    message: `src/core is the pure domain: no other layer, no vscode, lowdb, simple-git or Node modules. ${SEE}`,
  }),
  layer('src/protocol', {
    files: [PROTOCOL],
    mayImport: [PROTOCOL, CORE],
    modules: [HOST_ONLY, ...NODE_MODULES],
    message: `src/protocol (the messages between the extension and its webviews, bundled into each webview) imports only src/core, and no vscode or Node module. ${SEE}`,
  }),
  layer('src/store', {
    files: [STORE],
    mayImport: [STORE, CORE],
    modules: [HOST_ONLY],
    message: `src/store imports only src/core. ${SEE}`,
  }),
  layer('src/git', {
    files: [GIT],
    mayImport: [GIT, STORE, CORE],
    modules: [HOST_ONLY],
    message: `src/git imports only src/store and src/core. ${SEE}`,
  }),
  layer('src/workflows', {
    files: [WORKFLOWS],
    mayImport: [WORKFLOWS, GIT, STORE, CORE],
    modules: [HOST_ONLY],
    message: `src/workflows imports only src/git, src/store and src/core. ${SEE}`,
  }),
  layer('src/agent', {
    files: [AGENT],
    mayImport: [AGENT, WORKFLOWS, GIT, STORE, CORE],
    modules: [HOST_ONLY],
    message: `src/agent (the tools for AI agents) imports only src/workflows, src/git, src/store and src/core; VS Code and the command line import it. ${SEE}`,
  }),
  layer('src/cli', {
    files: ['src/cli/**'],
    mayImport: ['src/cli/**', AGENT, WORKFLOWS, GIT, STORE, CORE],
    modules: [HOST_ONLY],
    message: `The CLI runs without VS Code: it imports only src/agent, src/workflows, src/git, src/store and src/core. ${SEE}`,
  }),
  layer('src/ui', {
    files: ['src/ui/**'],
    mayImport: ['src/ui/**', AGENT, WORKFLOWS, GIT, STORE, CORE, PROTOCOL],
    message: `src/ui imports vscode and the layers below it, not the CLI or src/extension.ts. ${SEE}`,
  }),
  layer('src/extension.ts', {
    files: ['src/extension.ts'],
    mayImport: ['src/**'],
    message: SEE,
  }),
  layer('webview-ui', {
    files: ['webview-ui/**'],
    mayImport: ['webview-ui/**', CORE, PROTOCOL],
    modules: [{ name: 'vscode', message: `The webview talks to the extension by messages (src/protocol/), never through vscode. ${SEE}` }, ...NODE_MODULES],
    message: `The webview runs in a browser: it imports only src/core and src/protocol, no Node module. ${SEE}`,
  }),
];
// Any other folder under src/ (a new layer, until it has its entry above and
// its row in CONTRIBUTING.md; the layer test fails until then) is refused vscode.
const newLayer = layer('src (a folder without its entry)', {
  files: ['src/**'],
  ignores: layers.flatMap((entry) => entry.files),
  modules: [HOST_ONLY],
  message: SEE,
});

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
  { name: 'incident-responder/plugin', plugins: { 'incident-responder': { rules: { layers: layerRule } } } },
  ...layers,
  newLayer,
);
