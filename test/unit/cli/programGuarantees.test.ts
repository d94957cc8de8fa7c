import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatStore } from '../../../src/store/stableFormat';
import { emptyDocument } from '../../../src/store/incidentStore';
import { anIncident, crockfordCode } from '../core/builders';
import { tempRepo } from '../store/tempRepo';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');

function run(cwd: string, args: string[], stdout: 'pipe' | number = 'pipe') {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', stdout, 'pipe'] });
  return { code: result.status, stdout: result.stdout ?? '', stderr: result.stderr.trim() };
}

/** A store of `count` incidents with long titles: megabytes of `list --json`. */
function bigStore(count: number): string {
  const repo = tempRepo();
  const incidents = Array.from({ length: count }, (_, i) => ({ ...anIncident({ title: `Incident ${i} ${'x'.repeat(300)}` }), id: `INC-${crockfordCode(i)}` }));
  mkdirSync(join(repo, '.incidents'));
  writeFileSync(join(repo, '.incidents', 'incidents.json'), formatStore({ ...emptyDocument(), incidents }));
  return repo;
}

const oneLine = (stderr: string) => {
  assert.equal(stderr.split('\n').length, 1, `one line on stderr, got:\n${stderr}`);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
};

describe('the incident program: output and exit guarantees', function () {
  this.timeout(120_000);
  before(() => execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT }));

  it('writes all of a multi-megabyte --json listing into a pipe that is read slowly', async () => {
    const repo = bigStore(4000);
    const child = spawn(process.execPath, [CLI, 'list', '--all', '--json'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause(); // The reader is busy: the pipe fills at 64 KiB and the rest must wait, not be dropped.
    const exited = new Promise<number | null>((done) => child.on('close', done));
    await new Promise((wait) => setTimeout(wait, 700));
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stdout.resume();
    assert.equal(await exited, 0);
    const text = Buffer.concat(chunks).toString('utf8');
    assert.ok(text.length > 1_000_000, `${text.length} bytes`);
    assert.equal(JSON.parse(text).length, 4000);
  });

  it('also writes every line of the text listing into a pipe', async () => {
    const repo = bigStore(3000);
    const child = spawn('sh', ['-c', `"${process.execPath}" "${CLI}" list --all | (sleep 0.5; wc -l)`], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await new Promise((done) => child.on('close', done));
    assert.equal(Number(out.trim()), 3000);
  });

  it('fails with one line and exit 1 when the output cannot be written (a full device)', function () {
    if (!existsSync('/dev/full')) this.skip();
    const repo = bigStore(10);
    const full = openSync('/dev/full', 'w');
    try {
      const result = run(repo, ['list', '--all'], full);
      assert.equal(result.code, 1);
      oneLine(result.stderr);
      assert.match(result.stderr, /could not write the output: no space left on the device \(ENOSPC\)/);
    } finally {
      closeSync(full);
    }
  });

  it('says the change is saved when a declare cannot print its id, so nobody declares it twice', function () {
    if (!existsSync('/dev/full')) this.skip();
    const repo = tempRepo();
    const full = openSync('/dev/full', 'w');
    try {
      const result = run(repo, ['declare', '--title', 'Checkout down', '--category', 'bug', '--severity', 'sev1'], full);
      assert.equal(result.code, 1);
      oneLine(result.stderr);
      assert.match(result.stderr, /could not write the output: no space left on the device \(ENOSPC\); the change itself is saved, run "incident list" to see it/);
    } finally {
      closeSync(full);
    }
    assert.match(run(repo, ['list']).stdout, /Checkout down/);
    const listOnly = openSync('/dev/full', 'w');
    try {
      assert.doesNotMatch(run(repo, ['list'], listOnly).stderr, /saved/, 'a read changes nothing and says nothing about a change');
    } finally {
      closeSync(listOnly);
    }
  });

  it('fails with one line when the reader closes the pipe early', async () => {
    const repo = bigStore(2000);
    const child = spawn(process.execPath, [CLI, 'list', '--all', '--json'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    assert.equal(code, 1);
    oneLine(stderr.trim());
    assert.match(stderr, /closed it before all of it was written \(EPIPE\)/);
  });

  it('exits 2 with one line, not a stack trace, for a folder where the store should be', () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.incidents', 'incidents.json'), { recursive: true });
    for (const args of [['list'], ['declare', '--title', 't', '--category', 'regression', '--severity', 'SEV2']]) {
      const result = run(repo, args);
      assert.equal(result.code, 2, result.stderr);
      oneLine(result.stderr);
      assert.match(result.stderr, /\.incidents\/incidents\.json is a folder, not a file/);
    }
  });

  it('exits 2 with one line for a read-only folder and names the mode', () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.incidents'), { mode: 0o555 });
    const result = run(repo, ['declare', '--title', 't', '--category', 'regression', '--severity', 'SEV2']);
    assert.equal(result.code, 2, result.stderr);
    oneLine(result.stderr);
    assert.match(result.stderr, /folder .*\.incidents is read-only \(mode 0555\); nothing was changed/);
  });

  it('exits 1 with one line for a --path that leaves the repository', () => {
    const repo = tempRepo();
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'one'], { cwd: repo });
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'two'], { cwd: repo });
    const id = run(repo, ['declare', '--title', 't', '--category', 'regression', '--severity', 'SEV2']).stdout.trim();
    const result = run(repo, ['suspects', id, '--good', 'HEAD~1', '--bad', 'HEAD', '--path', '../..']);
    assert.equal(result.code, 1);
    oneLine(result.stderr);
    assert.match(result.stderr, /"\.\.\/\.\." is not a usable path: it leaves the repository/);
  });

  it('says who holds the lock and since when when it times out', () => {
    const repo = tempRepo();
    const id = run(repo, ['declare', '--title', 't', '--category', 'regression', '--severity', 'SEV2']).stdout.trim();
    const file = join(repo, '.incidents', 'incidents.json');
    // A live holder that keeps its lock fresh: another process, so this one's timers cannot refresh it.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `require(${JSON.stringify(join(__dirname, '..', '..', '..', 'src', 'store', 'storeLock.js'))}).StoreLock.acquire(${JSON.stringify(file)}).then(() => { console.log('held'); setInterval(() => {}, 1000); })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    try {
      const held = new Promise((done) => holder.stdout.once('data', done));
      return held.then(() => {
        const result = spawnSync(process.execPath, [CLI, 'note', id, 'blocked'], { cwd: repo, encoding: 'utf8', env: { ...process.env, INCIDENT_LOCK_TIMEOUT: '1' } });
        assert.equal(result.status, 2, result.stderr);
        oneLine(result.stderr.trim());
        assert.match(result.stderr, new RegExp(`locked by pid ${holder.pid} on .+ since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC; nothing was changed`));
      });
    } finally {
      setTimeout(() => holder.kill(), 5_000).unref();
    }
  });

  it('keeps two postmortem exports of the same incident at once from colliding', async () => {
    const repo = tempRepo();
    const id = run(repo, ['declare', '--title', 't', '--category', 'regression', '--severity', 'SEV2']).stdout.trim();
    const exports = Array.from(
      { length: 6 },
      () =>
        new Promise<{ code: number | null; stderr: string }>((done) => {
          const child = spawn(process.execPath, [CLI, 'postmortem', id], { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
          let stderr = '';
          child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          child.on('close', (code) => done({ code, stderr }));
        }),
    );
    for (const result of await Promise.all(exports)) assert.equal(result.code, 0, result.stderr);
    const path = join(repo, '.incidents', 'postmortems', `${id}.md`);
    assert.match(readFileSync(path, 'utf8'), /^# /);
    // Another export's temp file, mid-write: ours uses a name of its own and leaves it alone.
    writeFileSync(`${path}.tmp`, 'half of another export');
    assert.equal(run(repo, ['postmortem', id]).code, 0);
    assert.equal(readFileSync(`${path}.tmp`, 'utf8'), 'half of another export');
    assert.match(readFileSync(path, 'utf8'), /^# /);
  });

  it('refuses a postmortem that is a committed symbolic link, and reads nothing through it', () => {
    const repo = tempRepo();
    const id = run(repo, ['declare', '--title', 't', '--category', 'regression', '--severity', 'SEV2']).stdout.trim();
    const secret = join(tmpdir(), `secret-${process.pid}.txt`);
    writeFileSync(secret, '## Notes\nTOP SECRET KEY\n');
    mkdirSync(join(repo, '.incidents', 'postmortems'));
    symlinkSync(secret, join(repo, '.incidents', 'postmortems', `${id}.md`));
    const result = run(repo, ['postmortem', id]);
    assert.equal(result.code, 2);
    oneLine(result.stderr);
    assert.match(result.stderr, new RegExp(`\\.incidents/postmortems/${id}\\.md is a symbolic link to ${secret}`));
    assert.equal(readFileSync(secret, 'utf8'), '## Notes\nTOP SECRET KEY\n');
    assert.ok(statSync(join(repo, '.incidents', 'postmortems', `${id}.md`), { throwIfNoEntry: false }), 'the link is left as it was');
  });

  it('refuses to install the merge driver through a committed .gitattributes link', () => {
    const repo = tempRepo();
    const outside = join(tmpdir(), `attributes-${process.pid}-${Date.now()}`);
    writeFileSync(outside, '# not yours\n');
    symlinkSync(outside, join(repo, '.gitattributes'));
    const result = run(repo, ['install-merge-driver']);
    assert.equal(result.code, 2);
    oneLine(result.stderr);
    assert.match(result.stderr, /\.gitattributes is a symbolic link/);
    assert.equal(readFileSync(outside, 'utf8'), '# not yours\n');
  });

  it('refuses a store folder that is a symbolic link out of the repository, for reads and writes', () => {
    const repo = tempRepo();
    const outside = join(tmpdir(), `outside-${process.pid}-${Date.now()}`);
    mkdirSync(outside);
    writeFileSync(join(outside, 'incidents.json'), formatStore({ ...emptyDocument(), incidents: [anIncident()] }));
    symlinkSync(outside, join(repo, '.incidents'));
    for (const args of [['list'], ['note', 'INC-1A2B3C4D', 'x'], ['declare', '--title', 't', '--category', 'regression', '--severity', 'SEV2']]) {
      const result = run(repo, args);
      assert.equal(result.code, 2, `${args[0]}: ${result.stderr}`);
      oneLine(result.stderr);
      assert.match(result.stderr, /\.incidents is a symbolic link to .*never follows links/);
    }
    assert.doesNotMatch(readFileSync(join(outside, 'incidents.json'), 'utf8'), /"x"/);
  });
});
