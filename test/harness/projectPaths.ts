import { join, resolve } from 'node:path';

/** The extension's folder (package.json), from out/test/harness/. */
export const PROJECT_ROOT = resolve(__dirname, '..', '..', '..');
export const RESULTS_DIR = join(PROJECT_ROOT, '.test-results');
export const ARTIFACTS_DIR = join(PROJECT_ROOT, 'test-artifacts');

export async function codeServerEntry(): Promise<string> {
  // Installs into .vscode-test/ on first use (see scripts/ensure-code-server.mjs).
  const script = join(PROJECT_ROOT, 'scripts', 'ensure-code-server.mjs');
  const { ensureCodeServer } = (await import(script)) as { ensureCodeServer: () => { entry: string } };
  return ensureCodeServer().entry;
}
