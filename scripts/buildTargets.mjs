/**
 * The esbuild options of each build output, shared by scripts/build.mjs and
 * the tests that build a bundle to measure it (test/unit/build). Paths are
 * relative to the project folder. No side effects on import.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function tsFilesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFilesUnder(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The options per output: extension, cli, webview, tests. */
export function buildTargets({ production }) {
  const node = { platform: 'node', target: 'node20', format: 'cjs', sourcemap: !production, logLevel: 'warning' };
  return {
    extension: {
      ...node,
      entryPoints: ['src/extension.ts'],
      outfile: 'dist/extension.js',
      bundle: true,
      external: ['vscode'],
      minify: production,
    },
    cli: {
      ...node,
      entryPoints: ['src/cli/main.ts'],
      outfile: 'dist/cli.js',
      bundle: true,
      minify: production,
      banner: { js: '#!/usr/bin/env node' },
    },
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
    },
  };
}
