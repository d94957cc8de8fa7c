import * as assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const FILES = ['index.html', 'style.css', 'feed.atom', 'summary.json'];

/** A repository with one SEV2 incident that told customers something and stakeholders something else. */
async function repoWithIncident(): Promise<string> {
  const repo = tempRepo();
  const declared = await incident(repo, 'declare', '--title', 'Internal title: Redis failover', '--category', 'performance', '--severity', 'SEV2');
  assert.equal(declared.code, 0, declared.stderr);
  assert.equal((await incident(repo, 'update', declared.stdout, 'Sign-in is slow. We are investigating.', '--audience', 'customers')).code, 0);
  assert.equal((await incident(repo, 'update', declared.stdout, 'Stakeholders only: Acme escalated.', '--audience', 'stakeholders')).code, 0);
  return repo;
}

describe('incident statuspage', () => {
  it('writes the four files into the folder, creating it, with public updates only, the same bytes for the same --now', async () => {
    const repo = await repoWithIncident();
    const run = await incident(repo, 'statuspage', '--out', 'public/status', '--now', '2099-01-01T00:00:00Z', '--name', 'Acme', '--url', 'https://status.example.com');
    assert.deepEqual([run.code, run.stderr, run.stdout], [0, '', 'Wrote the status page to public/status (index.html, style.css, feed.atom, summary.json).']);
    const read = () => FILES.map((name) => readFileSync(join(repo, 'public', 'status', name), 'utf8'));
    const first = read();
    assert.match(first[0], /Sign-in is slow\. We are investigating\./);
    assert.doesNotMatch(first.join('\n'), /Acme escalated|Internal title|dana@example\.com/);
    assert.equal(JSON.parse(first[3]).status.indicator, 'major');
    assert.equal((await incident(repo, 'statuspage', '--out', 'public/status', '--now', '2099-01-01T00:00:00Z', '--name', 'Acme', '--url', 'https://status.example.com')).code, 0);
    assert.deepEqual(read(), first, 'a rebuild gives the same bytes');
  });

  it('replaces a link in place of a file without writing through it', async () => {
    const repo = await repoWithIncident();
    const outside = join(mkdtempSync(join(tmpdir(), 'incident-outside-')), 'victim.txt');
    writeFileSync(outside, 'untouched');
    mkdirSync(join(repo, 'site'));
    symlinkSync(outside, join(repo, 'site', 'index.html'));
    assert.equal((await incident(repo, 'statuspage', '--out', 'site')).code, 0);
    assert.equal(readFileSync(outside, 'utf8'), 'untouched');
    assert.ok(lstatSync(join(repo, 'site', 'index.html')).isFile());
  });

  it('refuses, in one line with exit 1, a folder that is a link out of the repository, a file, inside .git, or bad options', async () => {
    const repo = await repoWithIncident();
    const outside = mkdtempSync(join(tmpdir(), 'incident-outside-'));
    symlinkSync(outside, join(repo, 'escape'));
    writeFileSync(join(repo, 'notes.txt'), 'a file');
    const refused = async (args: string[], message: RegExp) => {
      const run = await incident(repo, 'statuspage', ...args);
      assert.equal(run.code, 1, args.join(' '));
      assert.equal(run.stdout, '');
      assert.equal(run.stderr.split('\n').length, 1, run.stderr);
      assert.match(run.stderr, message);
    };
    await refused(['--out', 'escape'], /^incident: escape leads outside the repository through a symbolic link/);
    await refused(['--out', 'escape/deeper'], /^incident: escape\/deeper leads outside the repository through a symbolic link/);
    await refused(['--out', 'notes.txt'], /^incident: notes\.txt is a file, not a folder/);
    await refused(['--out', '.git/site'], /^incident: \.git\/site is inside a \.git folder/);
    await refused([], /^incident: --out DIR is required/);
    await refused(['--out', 'site', '--now', 'yesterday'], /^incident: --now "yesterday" is not a time with its zone/);
    await refused(['--out', 'site', '--url', 'javascript:alert(1)'], /^incident: --url "javascript:alert\(1\)" is not an http\(s\) address/);
    assert.deepEqual(
      FILES.filter((name) => existsSync(join(outside, name))),
      [],
      'nothing written outside',
    );
    assert.equal(existsSync(join(repo, '.git', 'site')), false);
    assert.equal(existsSync(join(repo, 'site')), false, 'a refused run writes nothing');
  });

  it('refuses a relative --out that leaves the repository (exit 1), and an absolute one outside it without --out-outside-repo', async () => {
    const repo = await repoWithIncident();
    const outside = mkdtempSync(join(tmpdir(), 'incident-outside-'));
    symlinkSync(outside, join(repo, 'escape'));
    const refused = async (args: string[], message: RegExp) => {
      const run = await incident(repo, 'statuspage', ...args);
      assert.deepEqual([run.code, run.stdout, run.stderr.split('\n').length], [1, '', 1], `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
    };
    const escaping = relative(repo, join(outside, 'page'));
    await refused(['--out', escaping], /^incident: \S+ leaves the repository; name a folder inside it, or an absolute path with --out-outside-repo$/);
    await refused(['--out', escaping, '--out-outside-repo'], /^incident: \S+ leaves the repository; name a folder inside it, or an absolute path with --out-outside-repo$/);
    await refused(['--out', '../x'], /leaves the repository/);
    await refused(['--out', join(outside, 'page')], /^incident: \S+ is outside the repository; add --out-outside-repo to write the page there$/);
    await refused(['--out', join(repo, 'escape'), '--out-outside-repo'], /leads outside the repository through a symbolic link/);
    await refused(['--out', join(repo, 'escape', 'deeper'), '--out-outside-repo'], /leads outside the repository through a symbolic link/);
    assert.deepEqual(readdirSync(outside), [], 'nothing written outside');
    assert.equal(existsSync(join(repo, '..', 'x')), false);
  });

  it('writes outside the repository when the absolute folder comes with --out-outside-repo, and says so on stderr', async () => {
    const repo = await repoWithIncident();
    const target = join(mkdtempSync(join(tmpdir(), 'incident-outside-')), 'page');
    const run = await incident(repo, 'statuspage', '--out', target, '--out-outside-repo');
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, `incident: writing the status page outside the repository, to ${realpathSync(dirname(target))}/page`);
    assert.deepEqual(
      FILES.filter((name) => existsSync(join(target, name))),
      FILES,
    );
    const inside = await incident(repo, 'statuspage', '--out', join(repo, 'public'));
    assert.deepEqual([inside.code, inside.stderr], [0, ''], 'an absolute folder inside the repository needs no flag');
    assert.ok(existsSync(join(repo, 'public', 'index.html')));
  });

  it('refuses a folder name too long for the file system in one line, exit 1', async () => {
    const repo = await repoWithIncident();
    for (const out of ['p'.repeat(5000), `a/${'b'.repeat(300)}/c`, Array.from({ length: 300 }, () => 'abcdefghijklmn').join('/')]) {
      const run = await incident(repo, 'statuspage', '--out', out);
      assert.deepEqual([run.code, run.stdout, run.stderr.split('\n').length], [1, '', 1], run.stderr);
      assert.match(run.stderr, /^incident: the folder name is too long for the file system \(a name over 255 bytes, or a path over 4095\); choose a shorter one$/);
      assert.doesNotMatch(run.stderr, /ENAMETOOLONG/);
    }
  });
});
