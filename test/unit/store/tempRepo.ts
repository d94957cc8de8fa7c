import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real git repository in a temp folder, with an identity. */
export function tempRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'incident-unit-'));
  execFileSync('git', ['init', '--quiet', '--initial-branch=main'], { cwd: dir });
  execFileSync('git', ['config', 'user.name', 'Dana Ortiz'], { cwd: dir });
  execFileSync('git', ['config', 'user.email', 'dana@example.com'], { cwd: dir });
  return dir;
}
