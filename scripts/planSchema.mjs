// Writes schemas/plan.schema.json, the JSON Schema VS Code uses for
// .incidents/plan.json (package.json "jsonValidation"), from the zod schema in
// src/core/plan/plan.ts. The file is checked in so the extension needs no build
// step to offer it; test/unit/core/plan/plan.test.ts fails when it is out of date.
// Usage: node scripts/planSchema.mjs
import * as esbuild from 'esbuild';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import * as prettier from 'prettier';

export const PLAN_SCHEMA_FILE = 'schemas/plan.schema.json';

const bundled = await esbuild.build({ entryPoints: ['src/core/plan/plan.ts'], bundle: true, write: false, format: 'cjs', platform: 'node', logLevel: 'warning' });
const module = { exports: {} };
new Function('module', 'exports', 'require', bundled.outputFiles[0].text)(module, module.exports, createRequire(resolve('package.json')));
const text = JSON.stringify(module.exports.planJsonSchema(), null, 2);
const options = { ...(await prettier.resolveConfig(PLAN_SCHEMA_FILE)), filepath: PLAN_SCHEMA_FILE };
writeFileSync(PLAN_SCHEMA_FILE, await prettier.format(text, options));
console.log(`[plan schema] wrote ${PLAN_SCHEMA_FILE}`);
