import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempRepo } from '../store/tempRepo';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');

function incident(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

describe('the incident command line (dist/cli.js, lowdb bundled)', function () {
  this.timeout(60_000);
  before(() => {
    // Builds the real bundle: this is also the proof that ESM-only lowdb bundles and runs.
    execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT });
  });

  it('declares an incident, prints its id, and lists it', () => {
    const repo = tempRepo();
    const declared = incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1');
    assert.equal(declared.code, 0, declared.stderr);
    assert.match(declared.stdout, /^INC-[0-9A-Z]{8}$/);
    const listed = incident(repo, 'list');
    assert.match(listed.stdout, new RegExp(`^${declared.stdout}  SEV1  detected\\s+resolution due in (59|60)m\\s+Checkout down$`));
    const json = JSON.parse(incident(repo, 'list', '--json').stdout);
    assert.equal(json[0].declaredBy, 'Dana Ortiz <dana@example.com>');
    // The declarer commands and so has responded: the response clock is met, the resolution one runs.
    assert.equal(json[0].roles.commander, 'Dana Ortiz <dana@example.com>');
    assert.equal(JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8')).incidents.length, 1);
  });

  it('adds notes and moves status; an illegal move is a user error (exit 1, one line)', () => {
    const repo = tempRepo();
    const id = incident(repo, 'declare', '--title', 'Slow search', '--category', 'performance', '--severity', 'SEV2').stdout;
    assert.equal(incident(repo, 'note', id, 'p99', 'is', '2s', '--kind', 'evidence').code, 0);
    assert.equal(incident(repo, 'status', id, 'mitigated').stdout, `${id} is mitigated`);
    const illegal = incident(repo, 'status', id, 'detected');
    assert.equal(illegal.code, 1);
    assert.equal(illegal.stderr.split('\n').length, 1);
    assert.match(illegal.stderr, /cannot go from mitigated to detected/);
    const shown = incident(repo, '--repo', repo, 'show', id);
    assert.match(shown.stdout, /evidence\s+Dana Ortiz <dana@example.com>: p99 is 2s/);
  });

  it('rejects bad input with exit 1 and names the problem', () => {
    const repo = tempRepo();
    assert.match(
      incident(repo, 'declare', '--title', 'x', '--category', 'weird', '--severity', 'SEV1').stderr,
      /--category must be one of regression \(or bug\), security \(or breach\), performance \(or perf, slow\)/,
    );
    assert.equal(incident(repo, 'frobnicate').code, 1);
    assert.equal(incident(repo, 'show', 'INC-NOPE0000').code, 1);
    assert.equal(incident(repo, 'declare', '--bogus').code, 1);
  });

  it('exits 2 on an unusable store and leaves it untouched', () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.incidents'));
    const text = '<<<<<<< HEAD\n{}\n=======\n{}\n>>>>>>> b\n';
    writeFileSync(join(repo, '.incidents', 'incidents.json'), text);
    const result = incident(repo, 'declare', '--title', 'x', '--category', 'security', '--severity', 'SEV1');
    assert.equal(result.code, 2);
    assert.match(result.stderr, /conflict marker/);
    assert.equal(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8'), text);
  });

  it('prints help for each verb', () => {
    const help = incident(tempRepo(), 'note', '--help');
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Usage: incident note ID TEXT/);
  });

  it('loses no note when two processes write at once', async function () {
    // How long 20 CLI processes take depends on the machine's load; the bound is only against a hang, nothing waits for a time.
    this.timeout(600_000);
    const repo = tempRepo();
    const id = incident(repo, 'declare', '--title', 'Race', '--category', 'regression', '--severity', 'SEV3').stdout;
    // The lock wait is the product's own bound (30 s); a loaded machine must not make a note fail for it here.
    const env = { ...process.env, INCIDENT_LOCK_TIMEOUT: '600' };
    const note = (text: string) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [CLI, 'note', id, text], { cwd: repo, env, stdio: ['ignore', 'ignore', 'pipe'] });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const texts = (name: string) => Array.from({ length: 10 }, (_, i) => `${name} ${i + 1}`);
    // Two writers, each one process after another, both at once.
    const writer = async (name: string) => {
      for (const text of texts(name)) {
        const { code, stderr } = await note(text);
        assert.equal(code, 0, `note "${text}" failed: ${stderr}`);
      }
    };
    await Promise.all([writer('alpha'), writer('beta')]);
    const shown = JSON.parse(incident(repo, 'show', id, '--json').stdout);
    const notes = shown.timeline.filter((e: { kind: string }) => e.kind === 'note').map((e: { text: string }) => e.text);
    assert.deepEqual([...notes].sort(), [...texts('alpha'), ...texts('beta')].sort());
  });
});

describe('linking commits and recording deploys from the command line', function () {
  this.timeout(60_000);

  it('links HEAD as a fix and records a production deploy for the incident', () => {
    const repo = tempRepo();
    writeFileSync(join(repo, 'fix.txt'), 'x');
    execFileSync('git', ['add', '-A'], { cwd: repo });
    execFileSync('git', ['commit', '-qm', 'Retry payment provider calls'], { cwd: repo });
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    const id = incident(repo, 'declare', '--title', 'Payments failing', '--category', 'regression', '--severity', 'SEV1').stdout;
    const linked = incident(repo, 'link', id, '--relation', 'fix');
    assert.equal(linked.code, 0, linked.stderr);
    assert.match(linked.stdout, new RegExp(`Linked ${sha.slice(0, 8)} \\(Retry payment provider calls\\) to ${id} as fix`));
    const deployed = incident(repo, 'deploy', '--env', 'production', '--ref', sha.slice(0, 10), '--incident', id);
    assert.equal(deployed.code, 0, deployed.stderr);
    const store = JSON.parse(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8'));
    assert.equal(store.incidents[0].commits[0].sha, sha);
    assert.equal(store.deploys[0].sha, sha);
    assert.deepEqual(store.deploys[0].incidentIds, [id]);
    assert.deepEqual(store.incidents[0].deployIds, [store.deploys[0].id]);
    assert.deepEqual(
      store.incidents[0].timeline.map((e: { kind: string }) => e.kind),
      ['declared', 'commit', 'deploy'],
    );
  });

  it('refuses a revision that looks like an option (exit 1) and changes nothing', () => {
    const repo = tempRepo();
    const id = incident(repo, 'declare', '--title', 'x', '--category', 'security', '--severity', 'SEV2').stdout;
    const before = readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8');
    const result = incident(repo, 'link', id, '--', '--output=/tmp/incident-pwned');
    assert.equal(result.code, 1);
    assert.match(result.stderr, /not a usable revision/);
    assert.equal(readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8'), before);
  });
});
