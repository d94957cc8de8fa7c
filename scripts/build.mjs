#!/usr/bin/env node
// One esbuild script, several outputs (see README "Project layout"):
//   dist/extension.js  the extension (cjs, node, `vscode` external)
//   dist/cli.js        the `incident` program: turns on node's compile cache, loads dist/cli/
//   dist/cli/          the command line (esm, node, split: each verb loads only its own chunks)
//   dist/webview/      the webview front end (esm, browser)
//   out/               src/ and test/ transpiled file by file for mocha
// Before the Node outputs: src/store/generated/recordValidators.js, the record
// schemas compiled by ajv (scripts/recordValidators.mjs).
// Type checking is separate: `npm run typecheck`.
// Usage: node scripts/build.mjs [extension|cli|webview|tests ...] [--watch] [--production]
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { generateRecordValidators, RECORD_VALIDATORS } from './recordValidators.mjs';

const args = process.argv.slice(2);
const watch = args.includes('--watch');
const production = args.includes('--production');
const wanted = args.filter((a) => !a.startsWith('--'));
const targets = wanted.length ? wanted : ['extension', 'cli', 'webview', 'tests'];

function tsFilesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFilesUnder(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const node = { platform: 'node', target: 'node20', format: 'cjs', sourcemap: !production, logLevel: 'warning' };
const CLI_DIR = join('dist', 'cli');
const ESM_NODE_GLOBALS = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  "import { dirname as __pathDirname } from 'node:path';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
  'const __dirname = __pathDirname(__filename);',
].join('\n');

const configs = {
  extension: {
    ...node,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    bundle: true,
    external: ['vscode'],
    minify: production,
  },
  cli: [
    {
      ...node,
      entryPoints: ['src/cli/bin.ts'],
      outfile: 'dist/cli.js',
      bundle: true,
      minify: production,
      banner: { js: '#!/usr/bin/env node' },
    },
    {
      ...node,
      format: 'esm',
      entryPoints: { main: 'src/cli/main.ts' },
      outdir: CLI_DIR,
      outExtension: { '.js': '.mjs' },
      chunkNames: 'chunk-[hash]',
      bundle: true,
      splitting: true,
      minify: production,
      // The bundled CommonJS packages (simple-git) call require(), and usageHelp finds package.json from __dirname.
      banner: { js: ESM_NODE_GLOBALS },
    },
  ],
  webview: {
    entryPoints: { main: 'webview-ui/src/main.ts', panel: 'webview-ui/src/panel.css', metrics: 'webview-ui/src/metrics/main.ts', 'metrics-style': 'webview-ui/src/metrics/metrics.css' },
    outdir: 'dist/webview',
    entryNames: '[name]',
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  },
  tests: {
    ...node,
    entryPoints: [...tsFilesUnder('src'), ...tsFilesUnder('test'), ...tsFilesUnder('webview-ui/src')],
    outbase: '.',
    outdir: 'out',
    bundle: false,
    // Transpiled file by file to CommonJS: a lazy import() becomes require(), which needs no file extension.
    supported: { 'dynamic-import': false },
  },
};

// A full build starts from an empty out/ so deleted sources leave no stale tests;
// `build tests` alone (the unit loop) keeps it, so parallel runs do not trip over each other.
if (!wanted.length) rmSync('out', { recursive: true, force: true });
// Node outputs import the record validators compiled from the schema; make them first.
if (targets.some((target) => target !== 'webview')) await generateRecordValidators();
for (const target of targets) {
  if (!configs[target]) throw new Error(`unknown build target "${target}" (extension, cli, webview, tests)`);
  // Chunk names change with their content: start from an empty folder so no stale chunk is packaged.
  if (target === 'cli' && !watch) rmSync(CLI_DIR, { recursive: true, force: true });
  for (const config of [configs[target]].flat()) {
    if (watch) {
      const context = await esbuild.context(config);
      await context.watch();
    } else {
      await esbuild.build(config);
    }
  }
  if (watch) console.log(`[build] watching ${target}`);
  if (target === 'webview') copyCodicons();
  // Tests are transpiled file by file; the generated JavaScript is copied beside them.
  if (target === 'tests') {
    mkdirSync(join('out', 'src', 'store', 'generated'), { recursive: true });
    copyFileSync(RECORD_VALIDATORS, join('out', RECORD_VALIDATORS));
  }
}

// <vscode-icon> draws codicons from a stylesheet the page links with the id
// "vscode-codicon-stylesheet"; ship the font beside the bundle.
function copyCodicons() {
  mkdirSync('dist/webview', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) copyFileSync(join('node_modules', '@vscode', 'codicons', 'dist', file), join('dist', 'webview', file));
}
if (!watch) console.log(`[build] built ${targets.join(', ')}${production ? ' (production)' : ''}`);
