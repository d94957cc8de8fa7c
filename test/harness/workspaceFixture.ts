/** Real git repositories in temp folders for the VS Code test layers and the demo. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreDocument } from '../../src/core/record/schema';
import { withTeamSyncSettings, type TeamSyncSettings } from '../../src/core/plan/syncSettings';
import { demoStore } from './demoIncidents';

export interface WorkspaceOptions {
  /** Store to write; `null` for a repository without a store. Default: the demo store. */
  store?: StoreDocument | null;
  prefix?: string;
  /**
   * Commit a .gitattributes naming the store's merge driver, without the
   * driver in .git/config: a teammate's fresh clone, where the extension
   * offers to install it.
   */
  mergeDriverNamed?: boolean;
  /** The store's committed `sync` block: the team turned sync on (or off) for every clone. */
  sync?: TeamSyncSettings;
  /** Git remotes to add, name → URL (e.g. a git daemon the test started on 127.0.0.1). */
  remotes?: Record<string, string>;
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
  const records = options.store === undefined ? demoStore() : options.store;
  const store = records && options.sync ? withTeamSyncSettings(records, options.sync) : records;
  if (store) {
    mkdirSync(join(dir, '.incidents'), { recursive: true });
    writeFileSync(join(dir, '.incidents', 'incidents.json'), `${JSON.stringify(store, null, 2)}\n`);
  }
  if (options.mergeDriverNamed) writeFileSync(join(dir, '.gitattributes'), '.incidents/incidents.json merge=incidents\n');
  git(dir, 'add', '-A');
  git(dir, 'commit', '--quiet', '-m', 'Initial commit');
  for (const [name, url] of Object.entries(options.remotes ?? {})) git(dir, 'remote', 'add', name, url);
  return dir;
}
