/**
 * The sync branch's git layer against real remotes on 127.0.0.1: git daemon
 * (git://) and git http-backend (http://), with clones in temp folders. Git
 * that talks to the http server runs asynchronously (the server answers from
 * this process); only local inspection uses the synchronous `git` helper.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GitCommand } from '../../../src/git/gitCommand';
import { readIdentity } from '../../../src/git/identity';
import {
  checkSyncTarget,
  classifyRemoteFailure,
  commitFileOnTop,
  fetchSyncBranch,
  FALLBACK_IDENTITY,
  pushSyncBranch,
  readFileAtCommit,
  readPrivateRef,
  SyncRemoteError,
  type SyncFailureKind,
  type SyncTarget,
} from '../../../src/git/syncBranch';
import { makeBareRemote, runGit, startGitDaemon, startHttpGitServer, startSilentServer, type GitServer, type HttpGitServer } from '../../harness/gitServers';
import { git, importCommits, linearHistory } from './repoBuilder';

const STORE = '.incidents/incidents.json';
const LIMIT = { timeoutMs: 20_000 };
const storeText = (note: string) => `${JSON.stringify({ version: 1, incidents: [{ id: 'INC-0000000A', note }] }, null, 2)}\n`;

let repoCount = 0;

/** A bare remote under baseDir with main and an annotated tag, and a clone of it whose remote points at `url`. */
function seededRemote(baseDir: string): { name: string; bare: string; seed: string } {
  const name = `team${++repoCount}.git`;
  const bare = join(baseDir, name);
  const seed = mkdtempSync(join(tmpdir(), 'incident-sync-seed-'));
  git(seed, ['init', '--quiet', '--initial-branch=main']);
  git(seed, ['config', 'user.name', 'Dana Ortiz']);
  git(seed, ['config', 'user.email', 'dana@example.com']);
  writeFileSync(join(seed, 'README.md'), '# service\n');
  git(seed, ['add', 'README.md']);
  git(seed, ['commit', '--quiet', '-m', 'Initial commit']);
  git(seed, ['tag', '-a', 'v1.0', '-m', 'release 1.0']);
  git(seed, ['init', '--quiet', '--bare', '--initial-branch=main', bare]);
  git(seed, ['push', '--quiet', bare, 'main', 'v1.0']);
  return { name, bare, seed };
}

/** A clone made from the bare folder, then pointed at the served URL under `remoteName`. */
function cloneServedAs(bare: string, url: string, remoteName = 'origin'): string {
  const dir = mkdtempSync(join(tmpdir(), 'incident-sync-clone-'));
  git(dir, ['clone', '--quiet', `--origin=${remoteName}`, bare, '.']);
  git(dir, ['remote', 'set-url', remoteName, url]);
  git(dir, ['config', 'user.name', 'Dana Ortiz']);
  git(dir, ['config', 'user.email', 'dana@example.com']);
  return dir;
}

const remoteRefs = (bare: string) => git(bare, ['for-each-ref', '--format=%(objectname) %(refname)']).trim().split('\n').sort();

async function rejectsWithKind(promise: Promise<unknown>, kind: SyncFailureKind): Promise<SyncRemoteError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof SyncRemoteError, `expected a SyncRemoteError, got ${String(error)}`);
    assert.equal(error.kind, kind, error.message);
    assert.doesNotMatch(error.message, /\n/, 'the message is one line');
    return error;
  }
  assert.fail(`expected a SyncRemoteError of kind ${kind}`);
}

/** Processes whose command line mentions `word` (Linux: /proc), to see that no git was left running. */
function processesMentioning(word: string): string[] {
  if (!existsSync('/proc/self/cmdline')) return [];
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (commandLine.includes(word) && Number(pid) !== process.pid) found.push(`${pid}: ${commandLine}`);
    } catch {
      // The process ended while we looked.
    }
  }
  return found;
}

describe('checkSyncTarget: only a known remote and a real branch name reach git', () => {
  const base = mkdtempSync(join(tmpdir(), 'incident-sync-check-'));
  const { bare } = seededRemote(base);
  const clone = cloneServedAs(bare, bare);
  git(clone, ['remote', 'add', 'incident-log', bare]);
  const command = new GitCommand(clone);

  it('accepts a remote from `git remote` with a plain or nested branch name, and names the private ref after both', async () => {
    assert.deepEqual(await checkSyncTarget(command, 'origin', 'incident-log'), { remote: 'origin', branch: 'incident-log', privateRef: 'refs/incident-sync/origin/incident-log' });
    assert.deepEqual(await checkSyncTarget(command, 'incident-log', 'team/incidents'), {
      remote: 'incident-log',
      branch: 'team/incidents',
      privateRef: 'refs/incident-sync/incident-log/team/incidents',
    });
  });

  for (const remote of ['upstream', bare, `file://${bare}`, 'git://127.0.0.1:1/x.git', '--upload-pack=touch OUT', '-oOUT', 'origin --upload-pack=touch OUT', '']) {
    it(`refuses the remote ${JSON.stringify(remote)} and runs nothing with it`, async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'incident-sync-hostile-')), 'pwned');
      const error = await rejectsWithKind(checkSyncTarget(command, remote.replace(/OUT/g, out), 'incident-log'), 'no-such-remote');
      assert.match(error.message, /`git remote` \(one of: incident-log, origin\)$/);
      assert.equal(existsSync(out), false);
    });
  }

  it('refuses a shorthand that check-ref-format --branch would expand to another branch (@{-1}, @{u})', async () => {
    git(clone, ['checkout', '--quiet', '-b', 'feature']);
    git(clone, ['checkout', '--quiet', 'main']);
    assert.equal(git(clone, ['check-ref-format', '--branch', '@{-1}']).trim(), 'feature', 'git itself expands it');
    await rejectsWithKind(checkSyncTarget(command, 'origin', '@{-1}'), 'bad-branch-name');
    await rejectsWithKind(checkSyncTarget(command, 'origin', '@{u}'), 'bad-branch-name');
  });

  for (const branch of ['-x', '--upload-pack=touch OUT', 'a..b', 'a b', 'HEAD', '@', '@{u}', 'x.lock', 'x/', '/x', 'a~1', 'a:b', 'a\nb', '']) {
    it(`refuses the branch ${JSON.stringify(branch)} and runs nothing with it`, async () => {
      const out = join(mkdtempSync(join(tmpdir(), 'incident-sync-hostile-')), 'pwned');
      await rejectsWithKind(checkSyncTarget(command, 'origin', branch.replace(/OUT/g, out)), 'bad-branch-name');
      assert.equal(existsSync(out), false);
    });
  }
});

describe('readFileAtCommit and commitFileOnTop: plumbing only', () => {
  it('writes a commit whose tree holds only the path, byte for byte, and reads it back', async () => {
    const dir = cloneServedAs(seededRemote(mkdtempSync(join(tmpdir(), 'incident-sync-plumb-'))).bare, 'unused');
    const command = new GitCommand(dir);
    const text = '{"note": "ünïcode ✓, no final newline"}';
    const commit = await commitFileOnTop(command, { path: STORE, text, message: 'Sync incidents' });
    assert.equal(git(dir, ['ls-tree', '-r', '--name-only', commit]).trim(), STORE);
    assert.equal(git(dir, ['log', '-1', '--format=%P', commit]).trim(), '', 'no parent given: a root commit');
    assert.equal(await readFileAtCommit(command, commit, STORE), text);
    assert.equal(await readFileAtCommit(command, commit, '.incidents/other.json'), undefined);
    assert.equal(await readFileAtCommit(command, commit, '.incidents'), undefined, 'a tree is not a file');
    const next = await commitFileOnTop(command, { parent: commit, path: STORE, text: storeText('second'), message: 'Sync incidents' });
    assert.equal(git(dir, ['log', '-1', '--format=%P', next]).trim(), commit);
    assert.equal(await readFileAtCommit(command, next, STORE), storeText('second'));
    assert.equal(git(dir, ['log', '-1', '--format=%an <%ae>', next]).trim(), 'Dana Ortiz <dana@example.com>', "the repository's identity");
  });

  it('signs with the fallback identity where git has none configured, and does not sign with gpg even when asked to', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'incident-sync-anon-'));
    git(dir, ['init', '--quiet']);
    git(dir, ['config', 'commit.gpgSign', 'true']);
    git(dir, ['config', 'gpg.program', 'false']);
    git(dir, ['config', 'user.useConfigOnly', 'true']);
    // No global identity either (GitCommand hands git none of our GIT_* variables, so HOME decides where it looks).
    const saved = { HOME: process.env.HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
    process.env.HOME = dir;
    process.env.XDG_CONFIG_HOME = dir;
    try {
      assert.deepEqual(await readIdentity(new GitCommand(dir)), {}, 'no identity configured anywhere git looks');
      const commit = await commitFileOnTop(new GitCommand(dir), { path: STORE, text: storeText('anonymous'), message: 'Sync incidents' });
      const who = `${FALLBACK_IDENTITY.name} <${FALLBACK_IDENTITY.email}>`;
      assert.equal(git(dir, ['log', '-1', '--format=%an <%ae>|%cn <%ce>|%G?', commit]).trim(), `${who}|${who}|N`);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});

describe('classifyRemoteFailure reads git in English', () => {
  const cases: [string, SyncFailureKind][] = [
    ['git@github.com: Permission denied (publickey).\r\nfatal: Could not read from remote repository.\n\nPlease make sure you have the correct access rights', 'authentication'],
    ["fatal: Authentication failed for 'https://example.com/team/app.git/'", 'authentication'],
    ["fatal: could not read Username for 'https://example.com': terminal prompts disabled", 'authentication'],
    ["fatal: unable to access 'https://example.com/app.git/': The requested URL returned error: 403", 'authentication'],
    ['Host key verification failed.\nfatal: Could not read from remote repository.', 'authentication'],
    ["fatal: unable to access 'https://example.invalid/app.git/': Could not resolve host: example.invalid", 'unreachable'],
    ['fatal: unable to connect to 127.0.0.1:9:\n127.0.0.1[0: 127.0.0.1]: errno=Connection refused', 'unreachable'],
    ['ssh: connect to host example.com port 22: Connection timed out\nfatal: Could not read from remote repository.', 'unreachable'],
    ['fatal: the remote end hung up unexpectedly', 'unreachable'],
    ["fatal: '/srv/app.git' does not appear to be a git repository", 'other'],
  ];
  for (const [stderr, kind] of cases) {
    it(`${kind}: ${JSON.stringify(stderr.split('\n')[0])}`, () => assert.equal(classifyRemoteFailure(stderr), kind));
  }
});

for (const transport of ['git', 'http'] as const) {
  describe(`sync branch over ${transport}:// on 127.0.0.1`, function () {
    this.timeout(60_000);
    const base = mkdtempSync(join(tmpdir(), `incident-sync-${transport}-`));
    let server: GitServer;

    before(async () => {
      server = transport === 'git' ? await startGitDaemon(base) : await startHttpGitServer(base);
    });
    after(async () => server.stop());

    /** A fresh remote and `count` clones of it, each with its checked target for origin/incident-log. */
    async function team(count: number): Promise<{ bare: string; clones: { dir: string; command: GitCommand; target: SyncTarget }[] }> {
      const { name, bare } = seededRemote(base);
      const clones = await Promise.all(
        Array.from({ length: count }, async () => {
          const dir = cloneServedAs(bare, server.url(name));
          const command = new GitCommand(dir);
          return { dir, command, target: await checkSyncTarget(command, 'origin', 'incident-log') };
        }),
      );
      return { bare, clones };
    }

    it('fetching a branch the remote lacks gives undefined and drops a stale private ref', async () => {
      const {
        clones: [a],
      } = await team(1);
      git(a.dir, ['update-ref', a.target.privateRef, 'HEAD']);
      assert.equal(await fetchSyncBranch(a.command, a.target, LIMIT), undefined);
      assert.equal(await readPrivateRef(a.command, a.target), undefined);
    });

    it('creates the branch with only the store in it; another clone fetches the same text', async () => {
      const {
        bare,
        clones: [a, b],
      } = await team(2);
      const commit = await commitFileOnTop(a.command, { path: STORE, text: storeText('from A'), message: 'Sync incidents' });
      assert.equal(await pushSyncBranch(a.command, a.target, commit, LIMIT), 'pushed');
      assert.equal(git(bare, ['rev-parse', 'refs/heads/incident-log']).trim(), commit);
      assert.equal(git(bare, ['ls-tree', '-r', '--name-only', 'refs/heads/incident-log']).trim(), STORE);
      assert.equal(await readPrivateRef(a.command, a.target), commit, 'the private ref follows a successful push');
      assert.equal(await fetchSyncBranch(b.command, b.target, LIMIT), commit);
      assert.equal(await readFileAtCommit(b.command, commit, STORE), storeText('from A'));
      assert.equal(git(b.dir, ['rev-parse', b.target.privateRef]).trim(), commit);
    });

    it("is 'rejected' when another clone pushed first, and goes through after fetching and building on its tip", async () => {
      const {
        bare,
        clones: [a, b],
      } = await team(2);
      const ours = await commitFileOnTop(a.command, { path: STORE, text: storeText('from A'), message: 'Sync incidents' });
      const theirs = await commitFileOnTop(b.command, { path: STORE, text: storeText('from B'), message: 'Sync incidents' });
      assert.equal(await pushSyncBranch(b.command, b.target, theirs, LIMIT), 'pushed');
      assert.equal(await pushSyncBranch(a.command, a.target, ours, LIMIT), 'rejected');
      assert.equal(git(bare, ['rev-parse', 'refs/heads/incident-log']).trim(), theirs, 'never forced');
      assert.equal(await readPrivateRef(a.command, a.target), undefined, 'a rejected push does not move the private ref');

      const tip = await fetchSyncBranch(a.command, a.target, LIMIT);
      assert.equal(tip, theirs);
      const merged = await commitFileOnTop(a.command, { parent: tip, path: STORE, text: storeText('A and B'), message: 'Sync incidents' });
      assert.equal(await pushSyncBranch(a.command, a.target, merged, LIMIT), 'pushed');
      const stale = await commitFileOnTop(b.command, { parent: theirs, path: STORE, text: storeText('B again'), message: 'Sync incidents' });
      assert.equal(await pushSyncBranch(b.command, b.target, stale, LIMIT), 'rejected', 'non-fast-forward on an existing branch');
    });

    it('fetches a remote branch rewritten by force-push', async () => {
      const {
        bare,
        clones: [a, b],
      } = await team(2);
      const first = await commitFileOnTop(a.command, { path: STORE, text: storeText('first'), message: 'Sync incidents' });
      assert.equal(await pushSyncBranch(a.command, a.target, first, LIMIT), 'pushed');
      assert.equal(await fetchSyncBranch(b.command, b.target, LIMIT), first);
      const rewritten = await commitFileOnTop(a.command, { path: STORE, text: storeText('rewritten'), message: 'Rewrite' });
      git(a.dir, ['push', '--quiet', '--force', bare, `${rewritten}:refs/heads/incident-log`]);
      assert.equal(await fetchSyncBranch(b.command, b.target, LIMIT), rewritten);
      assert.equal(await readFileAtCommit(b.command, rewritten, STORE), storeText('rewritten'));
    });

    it('changes no other ref on the remote, even with push.followTags and new annotated tags on HEAD and on the sync tip', async () => {
      const {
        bare,
        clones: [a],
      } = await team(1);
      const first = await commitFileOnTop(a.command, { path: STORE, text: storeText('first'), message: 'Sync incidents' });
      assert.equal(await pushSyncBranch(a.command, a.target, first, LIMIT), 'pushed');
      git(a.dir, ['config', 'push.followTags', 'true']);
      git(a.dir, ['config', 'push.recurseSubmodules', 'on-demand']);
      git(a.dir, ['config', 'push.default', 'matching']);
      writeFileSync(join(a.dir, 'CHANGES.md'), 'local work\n');
      git(a.dir, ['add', 'CHANGES.md']);
      git(a.dir, ['commit', '--quiet', '-m', 'Local work, not pushed']);
      git(a.dir, ['tag', '-a', 'v2.0-local', '-m', 'not for the remote']);
      // followTags would push this one with the next sync commit, which it is an ancestor of.
      git(a.dir, ['tag', '-a', 'sync-checkpoint', '-m', 'not for the remote either', first]);
      git(a.dir, ['branch', 'feature/unpushed']);
      const before = remoteRefs(bare);

      const second = await commitFileOnTop(a.command, { parent: first, path: STORE, text: storeText('second'), message: 'Sync incidents' });
      assert.equal(await pushSyncBranch(a.command, a.target, second, LIMIT), 'pushed');
      assert.equal(await fetchSyncBranch(a.command, a.target, LIMIT), second);

      const moved = before.map((line) => (line.endsWith(' refs/heads/incident-log') ? `${second} refs/heads/incident-log` : line)).sort();
      assert.deepEqual(remoteRefs(bare), moved);
      assert.equal(git(a.dir, ['tag', '--list']).trim().split('\n').sort().join(','), 'sync-checkpoint,v1.0,v2.0-local', 'fetch brought no tags either');
    });

    it("leaves the clone's work tree, index and HEAD as they were", async () => {
      const {
        clones: [a],
      } = await team(1);
      writeFileSync(join(a.dir, 'README.md'), '# service\n\nstaged edit\n');
      git(a.dir, ['add', 'README.md']);
      writeFileSync(join(a.dir, 'README.md'), '# service\n\nstaged edit\n\nand an unstaged one\n');
      writeFileSync(join(a.dir, 'scratch.txt'), 'untracked\n');
      const snapshot = () => ({
        status: git(a.dir, ['status', '--porcelain']),
        staged: git(a.dir, ['diff', '--cached']),
        unstaged: git(a.dir, ['diff']),
        head: git(a.dir, ['rev-parse', 'HEAD']),
        branch: git(a.dir, ['symbolic-ref', 'HEAD']),
        // refs/remotes/origin/incident-log may move, as with any `git fetch origin`; nothing else may.
        refs: git(a.dir, ['for-each-ref', '--format=%(objectname) %(refname)', 'refs/heads', 'refs/remotes', 'refs/tags'])
          .split('\n')
          .filter((line) => !line.endsWith(' refs/remotes/origin/incident-log')),
      });
      const before = snapshot();
      assert.match(before.staged, /\+staged edit/);

      const commit = await commitFileOnTop(a.command, { path: STORE, text: storeText('synced'), message: 'Sync incidents' });
      assert.equal(await pushSyncBranch(a.command, a.target, commit, LIMIT), 'pushed');
      assert.equal(await fetchSyncBranch(a.command, a.target, LIMIT), commit);

      assert.deepEqual(snapshot(), before);
      assert.equal(existsSync(join(a.dir, '.incidents')), false, 'the store file was not written into the work tree');
      assert.equal(existsSync(join(a.dir, '.git', 'FETCH_HEAD')), false, 'no FETCH_HEAD');
    });

    it('fetches into a clone with much local history (a negotiation big enough for git to gzip over http)', async () => {
      const {
        clones: [a, b],
      } = await team(2);
      const commit = await commitFileOnTop(a.command, { path: STORE, text: storeText('from A'), message: 'Sync incidents' });
      assert.equal(await pushSyncBranch(a.command, a.target, commit, LIMIT), 'pushed');
      importCommits(
        b.dir,
        linearHistory(200).map((spec) => ({ ...spec, branch: 'local-work' })),
        { checkout: false },
      );
      const gzippedBefore = 'stats' in server ? (server as HttpGitServer).stats.gzipped : 0;
      assert.equal(await fetchSyncBranch(b.command, b.target, LIMIT), commit);
      if ('stats' in server) assert.ok((server as HttpGitServer).stats.gzipped > gzippedBefore, 'git sent a gzipped request body');
    });

    it("says 'unreachable' while the server is stopped, and syncs again once it is back on the same port", async () => {
      const {
        clones: [a],
      } = await team(1);
      const commit = await commitFileOnTop(a.command, { path: STORE, text: storeText('offline'), message: 'Sync incidents' });
      await server.stop();
      try {
        const fetchError = await rejectsWithKind(fetchSyncBranch(a.command, a.target, LIMIT), 'unreachable');
        assert.match(fetchError.message, /origin could not be reached/);
        await rejectsWithKind(pushSyncBranch(a.command, a.target, commit, LIMIT), 'unreachable');
      } finally {
        await server.start();
      }
      assert.equal(await pushSyncBranch(a.command, a.target, commit, LIMIT), 'pushed');
    });
  });
}

describe('authentication over http:// fails fast and never prompts', function () {
  this.timeout(60_000);
  const base = mkdtempSync(join(tmpdir(), 'incident-sync-auth-'));
  let server: GitServer;
  let name: string;

  before(async () => {
    server = await startHttpGitServer(base, { user: 'dana', password: 'right-horse' });
    name = seededRemote(base).name;
  });
  after(async () => server.stop());

  const withCredentials = (credentials: string) => server.url(name).replace('http://', `http://${credentials}`);

  for (const [label, credentials] of [
    ['a wrong password', 'dana:wrong-horse@'],
    ['no credentials at all', ''],
  ] as const) {
    it(`fetch and push with ${label}: kind 'authentication' with what to do`, async () => {
      const dir = cloneServedAs(join(base, name), withCredentials(credentials));
      const command = new GitCommand(dir);
      const target = await checkSyncTarget(command, 'origin', 'incident-log');
      const error = await rejectsWithKind(fetchSyncBranch(command, target, LIMIT), 'authentication');
      assert.equal(error.message, 'sync failed: authentication to origin was refused; check your credentials with `git fetch origin`');
      const commit = await commitFileOnTop(command, { path: STORE, text: storeText('denied'), message: 'Sync incidents' });
      await rejectsWithKind(pushSyncBranch(command, target, commit, LIMIT), 'authentication');
    });
  }

  it('goes through with the right password (the server checks, it does not refuse everyone)', async () => {
    const dir = cloneServedAs(join(base, name), withCredentials('dana:right-horse@'));
    const command = new GitCommand(dir);
    const target = await checkSyncTarget(command, 'origin', 'incident-log');
    const commit = await commitFileOnTop(command, { path: STORE, text: storeText('allowed'), message: 'Sync incidents' });
    assert.equal(await pushSyncBranch(command, target, commit, LIMIT), 'pushed');
    assert.equal(await fetchSyncBranch(command, target, LIMIT), commit);
  });
});

describe('a remote that accepts the connection and never answers', function () {
  this.timeout(30_000);
  const base = mkdtempSync(join(tmpdir(), 'incident-sync-silent-'));
  const bare = seededRemote(base).bare;
  let silent: Awaited<ReturnType<typeof startSilentServer>>;

  before(async () => {
    silent = await startSilentServer();
  });
  after(async () => silent.stop());

  for (const scheme of ['git', 'http'] as const) {
    it(`times out over ${scheme}:// within the limit, and leaves no git process behind`, async () => {
      const remote = `silent${scheme}${process.pid}`;
      const dir = cloneServedAs(bare, scheme === 'git' ? silent.url('team.git') : silent.httpUrl('team.git'), remote);
      const command = new GitCommand(dir);
      const target = await checkSyncTarget(command, remote, 'incident-log');
      const error = await rejectsWithKind(fetchSyncBranch(command, target, { timeoutMs: 1500 }), 'timeout');
      assert.match(error.message, new RegExp(`${remote} did not answer within 1.5 s`));
      assert.deepEqual(processesMentioning(remote), []);
      const commit = await commitFileOnTop(command, { path: STORE, text: storeText('stuck'), message: 'Sync incidents' });
      await rejectsWithKind(pushSyncBranch(command, target, commit, { timeoutMs: 1500 }), 'timeout');
      assert.deepEqual(processesMentioning(remote), []);
    });
  }

  it('stops when cancelled, with the AbortError every cancelled git call gives', async () => {
    const remote = `silentabort${process.pid}`;
    const dir = cloneServedAs(bare, silent.url('team.git'), remote);
    const command = new GitCommand(dir);
    const target = await checkSyncTarget(command, remote, 'incident-log');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    await assert.rejects(fetchSyncBranch(command, target, { timeoutMs: 20_000, signal: controller.signal }), { name: 'AbortError' });
    assert.deepEqual(processesMentioning(remote), []);
  });
});

describe('makeBareRemote and runGit (harness)', () => {
  it('makes an empty bare repository with main as its default branch', async () => {
    const dir = await makeBareRemote(join(mkdtempSync(join(tmpdir(), 'incident-sync-bare-')), 'remote.git'));
    assert.equal((await runGit(dir, ['rev-parse', '--is-bare-repository'])).trim(), 'true');
    assert.equal((await runGit(dir, ['symbolic-ref', 'HEAD'])).trim(), 'refs/heads/main');
  });
});
