import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../../src/cli/main';
import { loadAllVerbs } from '../../../src/cli/verbIndex';
import { tempRepo } from '../store/tempRepo';

/** main() with its arguments as given (no --repo put in front), from a folder that is not a repository. */
async function run(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  process.chdir(mkdtempSync(join(tmpdir(), 'incident-not-a-repo-')));
  try {
    const code = await main(args, { out: (line) => out.push(line), err: (line) => err.push(line) });
    return { code, stdout: out.join('\n'), stderr: err.join('\n') };
  } finally {
    process.chdir(cwd);
  }
}

describe('global options after the verb, and in every verb’s help', function () {
  this.timeout(60_000);

  it('takes --repo DIR and --store PATH after the verb, as before it', async () => {
    const repo = tempRepo();
    const declared = await run('declare', '--title', 'Checkout 500s', '--category', 'regression', '--severity', 'SEV1', '--repo', repo);
    assert.equal(declared.code, 0, declared.stderr);
    assert.match((await run('list', `--repo=${repo}`)).stdout, new RegExp(`^${declared.stdout}  SEV1`));
    assert.match((await run('--repo', repo, 'list')).stdout, new RegExp(`^${declared.stdout}`));
    const elsewhere = await run('declare', '--title', 'Other', '--category', 'security', '--severity', 'SEV2', '--repo', repo, '--store', 'ops/incidents.json');
    assert.equal(elsewhere.code, 0, elsewhere.stderr);
    assert.ok(existsSync(join(repo, 'ops', 'incidents.json')));
    assert.equal((await run('list', '--repo', repo, '--store', 'ops/incidents.json')).stdout.split('\n').length, 1);
  });

  it('refuses a global option without a value or given twice differently, and leaves what follows "--" to the verb', async () => {
    const repo = tempRepo();
    for (const [args, reason] of [
      [['list', '--repo'], /^incident: --repo needs a value: the folder of the repository/],
      [['list', '--repo', '--json'], /^incident: --repo needs a value/],
      [['list', '--store='], /^incident: --store needs a value/],
      [['--repo', repo, 'list', '--repo', '/elsewhere'], /^incident: --repo is given twice with different values; give it once$/],
    ] as const) {
      const refused = await run(...args);
      assert.equal(refused.code, 1, args.join(' '));
      assert.match(refused.stderr, reason);
      assert.equal(refused.stderr.split('\n').length, 1);
    }
    assert.equal((await run('--repo', repo, 'list', '--repo', repo)).code, 0, 'the same value twice is fine');
    const id = (await run('declare', '--title', 'x', '--category', 'security', '--severity', 'SEV2', '--repo', repo)).stdout;
    const noted = await run('note', '--repo', repo, id, '--', '--repo', 'is', 'a', 'flag');
    assert.equal(noted.code, 0, noted.stderr);
    assert.match((await run('show', id, '--repo', repo)).stdout, /--repo is a flag/);
  });

  it('lists the global options in every verb’s help and in the main help', async () => {
    for (const name of Object.keys(await loadAllVerbs())) {
      const help = await run(name, '--help');
      assert.equal(help.code, 0, name);
      assert.match(help.stdout, /Global options \(before or after the verb\): --repo DIR .* --store PATH/, name);
    }
    assert.match((await run('--help')).stdout, /Global options \(before or after the verb\)/);
  });
});
