#!/usr/bin/env node
// Writes package.json's `languageModelTools` (and their titles in package.nls.json)
// from the agent tools defined in src/agent, so the manifest VS Code reads and the
// tools the extension registers never drift apart (test/unit/ui/agentManifest.test.ts
// checks it). Run after `node scripts/build.mjs tests`:
//   node scripts/build.mjs tests && node scripts/agentToolManifest.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { AGENT_TOOLS } = require('../out/src/agent/tools.js');
const { toolManifestEntry, toolTitleKey } = require('../out/src/agent/toolManifest.js');

const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
manifest.contributes.languageModelTools = AGENT_TOOLS.map(toolManifestEntry);
writeFileSync('package.json', `${JSON.stringify(manifest, null, 2)}\n`);

const nls = JSON.parse(readFileSync('package.nls.json', 'utf8'));
for (const tool of AGENT_TOOLS) nls[toolTitleKey(tool)] = tool.title;
writeFileSync('package.nls.json', `${JSON.stringify(nls, null, 2)}\n`);
console.log(`[manifest] ${AGENT_TOOLS.length} language-model tools written to package.json`);
