/** Real git repositories in temp folders for the VS Code test layers and the demo. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreDocument } from '../../src/core/schema';
import { demoStore } from './demoIncidents';

export interface WorkspaceOptions {
  /** Store to write; `null` for a repository without a store. Default: the demo store. */
  store?: StoreDocument | null;
  prefix?: string;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

export function createWorkspace(options: WorkspaceOptions = {}): string {
  const dir = mkdtempSync(join(tmpdir(), options.prefix ?? 'incident-ws-'));
  git(dir, 'init', '--quiet', '--initial-branch=main');
  git(dir, 'config', 'user.name', 'Dana Ortiz');
  git(dir, 'config', 'user.email', 'dana@example.com');
  writeFileSync(join(dir, 'README.md'), '# checkout-service\n');
  const store = options.store === undefined ? demoStore() : options.store;
  if (store) {
    mkdirSync(join(dir, '.incidents'), { recursive: true });
    writeFileSync(join(dir, '.incidents', 'incidents.json'), `${JSON.stringify(store, null, 2)}\n`);
  }
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'Initial commit');
  return dir;
}
