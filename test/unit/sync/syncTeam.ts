/** A team for sync tests: a bare remote with a main branch and a tag, served by git daemon on 127.0.0.1, and clones of it on demand. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCommand } from '../../../src/git/gitCommand';
import { IncidentStore } from '../../../src/store/incidentStore';
import type { SyncOptions } from '../../../src/workflows/sync';
import { cloneRemote, makeBareRemote, runGit, startGitDaemon, type GitServer } from '../../harness/gitServers';

export const OPTIONS: SyncOptions = { remote: 'origin', branch: 'incident-log', timeoutMs: 15_000, attempts: 50 };
export const STORE = '.incidents/incidents.json';
export const ID = 'INC-0000000A';

export const ctx = (author: string, n: number) => ({ at: new Date(Date.UTC(2026, 11, 2, 9, 0, 0, n)), author });

export interface Clone {
  dir: string;
  store: IncidentStore;
  git: GitCommand;
}

export interface Team {
  server: GitServer;
  bare: string;
  /** `storePath`: the store's path in this clone (INCIDENT_STORE), the default when absent. */
  clone(name: string, storePath?: string): Promise<Clone>;
}

/** A bare remote with a main branch and a tag, served by git daemon; clones of it on demand. */
export async function team(): Promise<Team> {
  const base = mkdtempSync(join(tmpdir(), 'incident-team-'));
  const bare = await makeBareRemote(join(base, 'service.git'));
  const seed = join(base, 'seed');
  await runGit(base, ['init', '--quiet', '--initial-branch=main', seed]);
  writeFileSync(join(seed, 'README.md'), '# service\n');
  await runGit(seed, ['add', 'README.md']);
  await runGit(seed, ['-c', 'user.name=Seed', '-c', 'user.email=seed@example.com', 'commit', '--quiet', '-m', 'Initial commit']);
  await runGit(seed, ['-c', 'user.name=Seed', '-c', 'user.email=seed@example.com', 'tag', '-a', 'v1.0', '-m', 'release']);
  await runGit(seed, ['push', '--quiet', bare, 'main', 'v1.0']);
  const server = await startGitDaemon(base);
  return {
    server,
    bare,
    async clone(name, storePath) {
      const dir = await cloneRemote(server.url('service.git'), join(base, name));
      return { dir, store: new IncidentStore(dir, storePath), git: new GitCommand(dir) };
    },
  };
}

/** Every ref of a bare remote with its commit, sorted: what a test compares to show nothing else moved. */
export const refsOf = async (bare: string) => (await runGit(bare, ['for-each-ref', '--format=%(refname) %(objectname)'])).split('\n').filter(Boolean).sort();
