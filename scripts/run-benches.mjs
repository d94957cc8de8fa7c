#!/usr/bin/env node
// Runs every benchmark under out/test/bench/ (compiled from test/bench/*.bench.ts)
// one after another, so they do not compete for the machine's cores.
// Each benchmark prints its own table of ratios against the physical limit
// (raw git, raw JSON/fs) measured side by side in the same run. --expose-gc
// lets each sample start with the previous sample's garbage collected, for
// ours and the limit alike (see test/bench/timing.ts).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const dir = join('out', 'test', 'bench');
const only = process.argv.slice(2);
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.bench.js'))
      .sort()
  : [];
const chosen = only.length ? files.filter((f) => only.some((o) => f.includes(o))) : files;
if (!chosen.length) {
  console.error('no benchmarks found under out/test/bench');
  process.exit(1);
}
for (const file of chosen) {
  console.log(`\n=== ${file} ===`);
  execFileSync(process.execPath, ['--expose-gc', join(dir, file)], { stdio: 'inherit' });
}
