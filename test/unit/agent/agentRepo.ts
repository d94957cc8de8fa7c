/** A real repository for the agent tools: three commits, a good and a bad deploy, one SEV2 incident declared after them. */
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AgentWorkspace } from '../../../src/agent/toolKit';
import { effectivePlan } from '../../../src/core/plan/plan';
import { GitRepository } from '../../../src/git/gitRepository';
import { IncidentStore } from '../../../src/store/incidentStore';
import { incident } from '../cli/runCli';
import { tempRepo } from '../store/tempRepo';

export interface AgentRepo {
  repo: string;
  id: string;
  /** The commits, oldest first: the good deploy's, the one between, the bad deploy's. */
  shas: [string, string, string];
  workspace: AgentWorkspace;
}

function commitFile(repo: string, path: string, text: string, message: string): string {
  mkdirSync(join(repo, path, '..'), { recursive: true });
  writeFileSync(join(repo, path), text);
  execFileSync('git', ['add', '--', path], { cwd: repo });
  execFileSync('git', ['commit', '--quiet', '-m', message], { cwd: repo });
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
}

export async function agentRepo(): Promise<AgentRepo> {
  const repo = tempRepo();
  const good = commitFile(repo, 'src/checkout.js', 'export const timeout = 30;\n', 'Checkout: first version');
  const between = commitFile(repo, 'src/cart.js', 'export const items = [];\n', 'Cart: keep items');
  const bad = commitFile(repo, 'src/checkout.js', 'export const timeout = 3;\n', 'Checkout: shorter timeout');
  for (const sha of [good, bad]) {
    const deployed = await incident(repo, 'deploy', '--env', 'production', '--ref', sha);
    if (deployed.code !== 0) throw new Error(deployed.stderr);
  }
  const declared = await incident(
    repo,
    'declare',
    '--title',
    'Checkout times out',
    '--category',
    'regression',
    '--severity',
    'SEV2',
    '--commander',
    'Dana Ortiz <dana@example.com>',
  );
  if (declared.code !== 0) throw new Error(declared.stderr);
  return { repo, id: declared.stdout.trim(), shas: [good, between, bad], workspace: workspaceOf(repo) };
}

/** The tools' view of `repo`, writing as Robin (not git's Dana), so a test can tell who the tool wrote as. */
export function workspaceOf(repo: string): AgentWorkspace {
  const store = new IncidentStore(repo);
  return {
    store,
    plan: () => effectivePlan(undefined, undefined),
    repository: () => new GitRepository(repo),
    now: () => new Date(),
    author: async () => 'Robin Agent-User <robin@example.com>',
    sayRunbooksLeftOut: () => undefined,
  };
}
