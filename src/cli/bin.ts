/**
 * dist/cli.js, the `incident` program (the package's `bin`, and what the git
 * merge driver runs): it turns on node's compile cache, then loads the command
 * line, dist/cli/main.mjs, which loads the rest of itself verb by verb. The
 * cache (node ≥ 22.1; in the system's temp folder unless NODE_COMPILE_CACHE
 * says otherwise, never in the repository) spares later runs compiling the
 * same code again. Kept this small because the cache covers only what is
 * loaded after it is on.
 */
import * as nodeModule from 'node:module';

// Absent before node 22.1, where the command line simply runs without the cache.
(nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();

// A path esbuild leaves alone: the command line is its own bundle, next to this file.
const commandLine = './cli/main.mjs';
// eslint-disable-next-line incident-responder/layers -- it loads dist/cli/main.mjs, the bundle of ./main (this layer); esbuild would try to bundle a literal
void import(commandLine).then((cli: typeof import('./main')) => cli.runAsProgram());
