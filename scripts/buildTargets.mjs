/**
 * The esbuild options of each build output, shared by scripts/build.mjs and
 * the tests that build a bundle to measure it (test/unit/build). Paths are
 * relative to the project folder. No side effects on import.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function tsFilesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFilesUnder(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Where the command line's ES module chunks go; dist/cli.js loads them. */
export const CLI_DIR = join('dist', 'cli');

const ESM_NODE_GLOBALS = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  "import { dirname as __pathDirname } from 'node:path';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
  'const __dirname = __pathDirname(__filename);',
].join('\n');

/**
 * @vscode-elements ships its styles as lit `css` templates indented for
 * reading, which a minifier leaves alone (they are strings). In the
 * production webview build each run of whitespace with a line break inside
 * those templates becomes one space: the same CSS, about 8 KB less for every
 * panel to load.
 */
const compactElementStyles = {
  name: 'compact-element-styles',
  setup(build) {
    build.onLoad({ filter: /[\\/]@vscode-elements[\\/]elements[\\/]dist[\\/].*\.js$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replace(/\bcss\s*`[^`]*`/g, (template) => template.replace(/[ \t]*\n\s*/g, ' ')),
      loader: 'js',
    }));
  },
};

/** The options per output: extension, cli (a launcher and the split command line), webview, tests. */
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
        // A bundled CommonJS package that requires a Node module needs require() (esbuild's __require), and usageHelp finds package.json from __dirname.
        banner: { js: ESM_NODE_GLOBALS },
      },
    ],
    webview: {
      entryPoints: {
        main: 'webview-ui/src/main.ts',
        panel: 'webview-ui/src/panel.css',
        metrics: 'webview-ui/src/metrics/main.ts',
        'metrics-style': 'webview-ui/src/metrics/metrics.css',
      },
      outdir: 'dist/webview',
      entryNames: '[name]',
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      sourcemap: !production,
      minify: production,
      // The licence notices of lit and @vscode-elements go beside each bundle (main.js.LEGAL.txt, shipped in the .vsix), not inside what every panel loads.
      legalComments: production ? 'external' : 'eof',
      plugins: production ? [compactElementStyles] : [],
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
}
