/**
 * The command line used wrongly: no verb, a global option without its value,
 * an option-like value, a name too long for the file system. Each is one line
 * on stderr with the exit code of the documented table (1), nothing on stdout;
 * only `--help` prints the help, on stdout with exit 0. Runs the built program.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { tempRepo } from '../store/tempRepo';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');

function incident(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Exit 1, nothing on stdout, one line on stderr matching `message`, no stack trace, no raw system error. */
function refused(result: ReturnType<typeof incident>, message: RegExp): void {
  assert.deepEqual([result.code, result.stdout], [1, ''], result.stderr);
  assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
  assert.match(result.stderr.trimEnd(), message);
  assert.doesNotMatch(result.stderr, /ENAMETOOLONG|\n\s+at /);
}

/** A repository with a bare remote called origin, for sync. */
function repoWithRemote(): string {
  const repo = tempRepo();
  const remote = mkdtempSync(join(tmpdir(), 'incident-remote-'));
  execFileSync('git', ['init', '--quiet', '--bare', remote]);
  execFileSync('git', ['remote', 'add', 'origin', remote], { cwd: repo });
  return repo;
}

describe('incident used wrongly (dist/cli.js)', function () {
  this.timeout(120_000);
  before(() => execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT }));

  it('without a verb says so on stderr (exit 1); --help and -h print the help on stdout (exit 0)', () => {
    const repo = tempRepo();
    const noVerb = /^incident: name a verb: incident \[--repo DIR\] \[--store PATH\] VERB \[options\]; run "incident --help" to see them$/;
    refused(incident(repo), noVerb);
    refused(incident(repo, '--repo', repo), noVerb);
    refused(incident(repo, '--repo', 'list'), /^incident: name a verb: .*; run "incident --help" to see them \(--repo took "list" as its value\)$/);
    for (const help of ['--help', '-h']) {
      const result = incident(repo, help);
      assert.deepEqual([result.code, result.stderr], [0, '']);
      assert.match(result.stdout, /^Usage: incident \[--repo DIR\]/);
    }
  });

  it('refuses --repo or --store without a value (at the end, empty, or followed by another option) in one line', () => {
    const repo = tempRepo();
    const repoNeeds = /^incident: --repo needs a value: the folder of the repository \(--repo DIR\); run "incident --help"$/;
    const storeNeeds = /^incident: --store needs a value: the store file \(--store PATH\); run "incident --help"$/;
    refused(incident(repo, '--repo'), repoNeeds);
    refused(incident(repo, '--repo='), repoNeeds);
    refused(incident(repo, '--repo', '--store', 'x.json', 'list'), repoNeeds);
    refused(incident(repo, '--store'), storeNeeds);
    refused(incident(repo, '--store=', 'list'), storeNeeds);
    refused(incident(repo, '--store', '--repo', repo, 'list'), storeNeeds);
  });

  it('refuses an option-like value as a remote name (or any value) and says what to do, running nothing', () => {
    const repo = repoWithRemote();
    const marker = join(mkdtempSync(join(tmpdir(), 'incident-marker-')), 'ran');
    refused(
      incident(repo, 'sync', '--remote', `--upload-pack=touch ${marker}`),
      /^incident: sync: "--upload-pack=touch \S+" is refused as the NAME of --remote: it starts with "-", like an option; give --remote NAME \(run "incident sync --help"\)$/,
    );
    refused(incident(repo, 'sync', '--enable', '--branch', '-x'), /^incident: sync: "-x" is refused as the NAME of --branch: it starts with "-", like an option/);
    refused(
      incident(repo, 'declare', '--title', '-5 degrees in the cold room', '--category', 'bug', '--severity', 'SEV2'),
      /^incident: declare: "-5 degrees in the cold room" is refused as the TEXT of --title: .*; to start a TEXT with "-", write --title=TEXT$/,
    );
    assert.equal(existsSync(marker), false, 'git never ran the option');
    const titled = incident(repo, 'declare', '--title=-5 degrees in the cold room', '--category', 'bug', '--severity', 'SEV2');
    assert.equal(titled.code, 0, titled.stderr);
  });

  it('refuses a sync branch name too long for git or the file system in one line, before anything runs', () => {
    const repo = repoWithRemote();
    for (const branch of ['b'.repeat(5000), `team/${'b'.repeat(300)}`, Array.from({ length: 100 }, () => 'abcdefghij').join('/')]) {
      const message = /^incident: sync failed: "[^"]{200}…" is not a usable sync branch name \([^()]*too long[^()]*\); choose another, such as "incident-log"$/;
      refused(incident(repo, 'sync', '--branch', branch), message);
      refused(incident(repo, 'sync', '--enable', '--branch', branch), message);
    }
    assert.equal(existsSync(join(repo, '.incidents', 'incidents.json')), false, 'no sync setting was written');
  });

  it('says a file name too long for the file system in one line, without echoing it whole', () => {
    const repo = tempRepo();
    const long = 'n'.repeat(5000);
    const id = incident(repo, 'declare', '--title', 'Checkout down', '--category', 'bug', '--severity', 'SEV2').stdout.trim();
    refused(
      incident(repo, '--store', `${long}.json`, 'list'),
      /^incident: --store: the path is too long for the file system \(a name over 255 bytes, or a path over 4095\); choose a shorter one$/,
    );
    refused(incident(repo, 'evidence', id, '--file', long), /^incident: --file: the file name is too long for the file system; choose a shorter one$/);
    refused(incident(repo, 'handoff', id, '--to', 'Ana', '--brief-file', long), /^incident: --brief-file: the file name is too long for the file system; choose a shorter one$/);
    assert.ok(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8').includes(id));
  });
});
