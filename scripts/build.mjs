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
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { buildTargets, CLI_DIR } from './buildTargets.mjs';
import { generateRecordValidators, RECORD_VALIDATORS } from './recordValidators.mjs';

const args = process.argv.slice(2);
const watch = args.includes('--watch');
const production = args.includes('--production');
const wanted = args.filter((a) => !a.startsWith('--'));
const targets = wanted.length ? wanted : ['extension', 'cli', 'webview', 'tests'];

const configs = buildTargets({ production });

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
