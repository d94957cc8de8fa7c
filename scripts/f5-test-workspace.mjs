#!/usr/bin/env node
// F5 "Extension Tests" (.vscode/launch.json): the integration suite needs a
// workspace folder holding a git repository with the demo store, as `npm test`
// gives it. This makes a fresh one at out/f5-workspace before each launch.
// Run after `node scripts/build.mjs tests` (it uses the compiled test fixture).
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const TARGET = 'out/f5-workspace';
const require = createRequire(import.meta.url);
const { createWorkspace } = require('../out/test/harness/workspaceFixture.js');

rmSync(TARGET, { recursive: true, force: true });
const made = createWorkspace({ prefix: 'incident-f5-' });
cpSync(made, TARGET, { recursive: true });
rmSync(made, { recursive: true, force: true });
console.log(`[f5] test workspace at ${TARGET}`);
