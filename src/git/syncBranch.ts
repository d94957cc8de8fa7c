/**
 * The git side of team sync: the shared store lives on its own branch of a
 * remote (refs/heads/<branch>, holding only the store file). We fetch that
 * branch into a private ref, write commits on top of it with plumbing
 * (never the index, the work tree or HEAD), and push exactly that one ref,
 * fast-forward only.
 *
 * Everything that talks to the remote is bounded: no prompt of any kind, a
 * hard time limit, and failures sorted into a few kinds whose messages say
 * what to do. Remote and branch are checked before git sees them and are then
 * placed after `--end-of-options`, so no user text is ever read as an option.
 */
import { createHash } from 'node:crypto';
import { errorMessage } from '../core/errors';
import { GitTimeoutError } from './errors';
import { GitCommand, type GitProcessResult } from './gitCommand';
import { branchNameProblem } from './branchName';
import { readIdentity } from './identity';
import { checkRepositoryPath, checkRevisionText, isFullSha } from './revisionText';

/** Private refs, one per remote and branch: refs/incident-sync/<remote>/<branch>. Outside refs/heads and refs/remotes, so no branch list, `git fetch` or `git push --all` sees them. */
export const SYNC_REF_PREFIX = 'refs/incident-sync';

export interface SyncTarget {
  remote: string;
  branch: string;
  privateRef: string;
}

export type SyncFailureKind = 'no-such-remote' | 'bad-branch-name' | 'unreachable' | 'timeout' | 'authentication' | 'rejected' | 'other';

/** A sync that could not reach, or was refused by, its remote; the message is one line saying what to do. */
export class SyncRemoteError extends Error {
  constructor(
    readonly kind: SyncFailureKind,
    message: string,
  ) {
    super(message);
    this.name = 'SyncRemoteError';
  }
}

export interface RemoteCallOptions {
  /** Git (and ssh or the http helper under it) is killed when this passes: kind 'timeout'. */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Who signs sync commits in a repository without a git identity, so such a responder can still share. */
export const FALLBACK_IDENTITY = { name: 'Incident Responder', email: 'incident-responder@localhost' } as const;

/** A user's text quoted on one line, whatever it holds. */
const quoted = (text: string): string => JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** The remote by one of `git remote`'s names and a branch name git accepts; throws SyncRemoteError otherwise, having run nothing with them. */
export async function checkSyncTarget(git: GitCommand, remote: string, branch: string): Promise<SyncTarget> {
  const problem = branchNameProblem(branch);
  if (problem) throw new SyncRemoteError('bad-branch-name', `sync failed: ${quoted(branch)} is not a usable sync branch name (${problem}); choose another, such as "incident-log"`);
  const remotes = (await git.run(['remote']))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (remote.startsWith('-') || !remotes.includes(remote)) {
    const known = remotes.length ? `one of: ${remotes.join(', ')}` : 'add one with `git remote add`';
    throw new SyncRemoteError('no-such-remote', `sync failed: ${quoted(remote)} is not a remote of this repository; name a remote from \`git remote\` (${known})`);
  }
  return { remote, branch, privateRef: `${SYNC_REF_PREFIX}/${remote}/${branch}` };
}

/**
 * Fetches the remote's sync branch into the private ref, forced (a remote
 * branch rewritten by force-push replaces it). The fetched commit, or
 * undefined when the remote has no such branch; the private ref then goes too.
 */
export async function fetchSyncBranch(git: GitCommand, target: SyncTarget, options: RemoteCallOptions): Promise<string | undefined> {
  if (!(await fetchIntoPrivateRef(git, target, options))) return undefined;
  const tip = await readPrivateRef(git, target);
  if (!tip) throw fetchLeftNothing(target);
  return tip;
}

/** fetchSyncBranch without reading the ref afterwards: whether the remote has the branch (sync reads the commit with its file, readSyncCopy). */
export async function fetchIntoPrivateRef(git: GitCommand, target: SyncTarget, options: RemoteCallOptions): Promise<boolean> {
  const refspec = `+refs/heads/${target.branch}:${target.privateRef}`;
  // No tags, no submodules, no FETCH_HEAD, no background gc. Git also moves
  // refs/remotes/<remote>/<branch>, as any plain `git fetch` of that remote would (and
  // push does the same); we leave it so, keeping it true to the remote.
  // --no-show-forced-updates: git would otherwise walk history to say whether each
  // remote-tracking ref was rewritten, which a sync never reports.
  const args = [
    'fetch',
    '--quiet',
    '--no-tags',
    '--no-recurse-submodules',
    '--no-write-fetch-head',
    '--no-auto-maintenance',
    '--no-show-forced-updates',
    '--end-of-options',
    target.remote,
    refspec,
  ];
  const result = await runRemoteCommand(git, target, args, options);
  if (result.exitCode === 0) return true;
  if (!/couldn't find remote ref/i.test(result.stderr)) throw remoteFailure('fetch', target, result.stderr);
  await git.run(['update-ref', '-d', target.privateRef]);
  return false;
}

/** A fetch that succeeded and yet left no commit in the private ref. */
export const fetchLeftNothing = (target: SyncTarget): SyncRemoteError =>
  new SyncRemoteError(
    'other',
    `sync failed: fetching ${target.branch} from ${target.remote} left no commit behind; run \`git fetch ${target.remote} ${target.branch}\` to see why`,
  );

/** The commit the private ref points at, if it exists. */
export async function readPrivateRef(git: GitCommand, target: SyncTarget): Promise<string | undefined> {
  const lines = (await git.run(['for-each-ref', '--format=%(objectname) %(refname)', target.privateRef])).split('\n');
  return lines.find((line) => line.endsWith(` ${target.privateRef}`))?.split(' ')[0];
}

/** The private ref's commit and the text of `path` in it (none when the tree lacks it); undefined when the ref does not exist. */
export interface SyncCopy {
  tip: string;
  text?: string;
}

/**
 * Reads the private ref's commit and its store text with one git process:
 * `cat-file --batch` is asked for the ref, the file in it, and the ref again,
 * so a ref that moved in between (another sync of this clone) is noticed and
 * read again. Names go through stdin: data to cat-file, never an argument.
 */
export async function readSyncCopy(git: GitCommand, target: SyncTarget, path: string): Promise<SyncCopy | undefined> {
  const file = checkRepositoryPath(path);
  for (let attempt = 1; ; attempt++) {
    const out = await git.runForBytes(['cat-file', '--batch'], { input: `${target.privateRef}\n${target.privateRef}:${file}\n${target.privateRef}\n` });
    const [before, blob, after] = batchRecords(out);
    if (before?.type !== 'commit') return undefined;
    if (after?.sha === before.sha || attempt === 3) return { tip: before.sha, text: blob?.type === 'blob' ? blob.content.toString('utf8') : undefined };
  }
}

/** The records of `cat-file --batch` output: each "<sha> <type> <size>" with its content, or a line for a name it could not find. */
function batchRecords(out: Buffer): Array<{ sha: string; type: string; content: Buffer } | undefined> {
  const records: Array<{ sha: string; type: string; content: Buffer } | undefined> = [];
  let at = 0;
  while (at < out.length) {
    const end = out.indexOf(0x0a, at);
    if (end < 0) break;
    const header = /^([0-9a-f]{40,64}) (\w+) (\d+)$/.exec(out.subarray(at, end).toString('utf8'));
    if (!header) {
      records.push(undefined); // "<name> missing" or "<name> ambiguous"
      at = end + 1;
      continue;
    }
    const size = Number(header[3]);
    records.push({ sha: header[1], type: header[2], content: out.subarray(end + 1, end + 1 + size) });
    at = end + 1 + size + 1;
  }
  return records;
}

/** The text of `path` in `commit`, or undefined when that commit's tree lacks it. */
export async function readFileAtCommit(git: GitCommand, commit: string, path: string): Promise<string | undefined> {
  const revision = checkRevisionText(commit);
  const file = checkRepositoryPath(path);
  // Through stdin: the object name is data to cat-file, never an argument.
  const [record] = batchRecords(await git.runForBytes(['cat-file', '--batch'], { input: `${revision}:${file}\n` }));
  // "<name> missing", or a tree at that path: no file.
  return record?.type === 'blob' ? record.content.toString('utf8') : undefined;
}

/**
 * A commit whose tree holds only `path` with `text`, on top of `parent` (the
 * remote tip; none: a root commit). Plumbing only, so the index, the work
 * tree, HEAD and every ref stay as they are. Returns the commit's sha.
 */
export async function commitFileOnTop(git: GitCommand, options: CommitFileOptions): Promise<string> {
  return (await commitWriter(git))(options);
}

export interface CommitFileOptions {
  parent?: string;
  path: string;
  text: string;
  message: string;
}

/**
 * commitFileOnTop once what it reads from git config is known: the returned
 * function starts its git processes before it returns (sync calls it while the
 * store file is being written, so git writes the objects on the other core).
 */
export async function commitWriter(git: GitCommand): Promise<(options: CommitFileOptions) => Promise<string>> {
  const [identity, algorithm] = await Promise.all([commitIdentityConfig(git), objectFormat(git)]);
  return (options) => {
    const { parent, text, message } = options;
    if (parent !== undefined && !isFullSha(parent)) return Promise.reject(new SyncRemoteError('other', `sync failed: ${quoted(parent)} is not a commit sha to build on`));
    const names = checkRepositoryPath(options.path).split('/');
    if (names.some((name) => !name || name === '.')) return Promise.reject(new SyncRemoteError('other', `sync failed: ${quoted(options.path)} is not a file path to commit`));
    // --no-gpg-sign: commit.gpgSign would otherwise ask for a passphrase on every background sync.
    const commitTree = async (tree: string) =>
      (
        await git.run([...identity, 'commit-tree', '--no-gpg-sign', ...(parent ? ['-p', parent] : []), tree], {
          input: message.endsWith('\n') ? message : `${message}\n`,
        })
      ).trim();
    if (!names.every((name) => /^[A-Za-z0-9._-]+$/.test(name))) return writeTreesStepByStep(git, names, text).then(commitTree);
    const bytes = Buffer.from(text, 'utf8');
    const { blob, trees, root } = objectNames(algorithm, names, bytes);
    // The blob (the big one) is written beside the trees and the commit, which need only its name.
    const treesWritten = git.run(['mktree', '--missing', '--batch'], { input: trees });
    // hash-object --stdin stores the bytes as given: no filter or end-of-line conversion applies.
    const blobWritten = git.run(['hash-object', '-w', '--stdin'], { input: bytes });
    return Promise.all([
      treesWritten.then((out) => {
        const treeNames = out.trim().split('\n');
        const made = treeNames[treeNames.length - 1];
        if (made !== root) throw unexpectedNames(made);
        return commitTree(root);
      }),
      blobWritten,
    ]).then(([commit, written]) => {
      if (written.trim() !== blob) throw unexpectedNames(written.trim());
      return commit;
    });
  };
}

const unexpectedNames = (name: string) => new SyncRemoteError('other', `sync failed: git named the store's objects otherwise than expected (${name}); nothing was pushed`);

/**
 * The names git will give the file's blob and the trees holding it (computed
 * here the way git computes them), and the `mktree --batch` input that writes
 * those trees, innermost first; `--missing` lets it name a blob not written yet.
 */
function objectNames(algorithm: 'sha1' | 'sha256', names: string[], bytes: Buffer): { blob: string; trees: string; root: string } {
  const file = names[names.length - 1];
  const blob = objectName(algorithm, 'blob', bytes);
  const trees: string[] = [`100644 blob ${blob}\t${file}\n`];
  let inner = objectName(algorithm, 'tree', treeBody([{ mode: '100644', name: file, sha: blob }]));
  for (let depth = names.length - 2; depth >= 0; depth--) {
    trees.push(`040000 tree ${inner}\t${names[depth]}\n`);
    inner = objectName(algorithm, 'tree', treeBody([{ mode: '40000', name: names[depth], sha: inner }]));
  }
  return { blob, trees: trees.join('\n'), root: inner };
}

/** Names outside the plain characters: the blob, then each tree around it, one git call at a time (mktree -z takes any name). */
async function writeTreesStepByStep(git: GitCommand, names: string[], text: string): Promise<string> {
  const blob = (await git.run(['hash-object', '-w', '--stdin'], { input: text })).trim();
  let entry = `100644 blob ${blob}\t${names[names.length - 1]}`;
  for (let depth = names.length - 2; depth >= 0; depth--) entry = `040000 tree ${await makeTree(git, entry)}\t${names[depth]}`;
  return makeTree(git, entry);
}

/** The repository's object format (sha1, or sha256), read once per GitCommand. */
const objectFormats = new WeakMap<GitCommand, Promise<'sha1' | 'sha256'>>();
const objectFormat = (git: GitCommand) =>
  cached(objectFormats, git, async () => ((await git.run(['rev-parse', '--show-object-format']).catch(() => 'sha1')).trim() === 'sha256' ? 'sha256' : 'sha1'));

/** The name git gives an object of this type and content. */
function objectName(algorithm: 'sha1' | 'sha256', type: 'blob' | 'tree', body: Buffer): string {
  return createHash(algorithm)
    .update(Buffer.concat([Buffer.from(`${type} ${body.length}\0`), body]))
    .digest('hex');
}

/** A tree object's content: each entry's mode, name and binary object name. */
function treeBody(entries: Array<{ mode: string; name: string; sha: string }>): Buffer {
  return Buffer.concat(entries.flatMap(({ mode, name, sha }) => [Buffer.from(`${mode} ${name}\0`), Buffer.from(sha, 'hex')]));
}

/** A tree of one entry; -z so any file name is one NUL-terminated entry. */
async function makeTree(git: GitCommand, entry: string): Promise<string> {
  return (await git.run(['mktree', '-z'], { input: `${entry}\0` })).trim();
}

/** `-c user.name=… -c user.email=…` for what the repository's git config lacks, so commit-tree never stops to ask who is committing. */
function commitIdentityConfig(git: GitCommand): Promise<string[]> {
  return cached(identityArgs, git, async () => {
    const { name, email } = await readIdentity(git);
    return [...(name ? [] : ['-c', `user.name=${FALLBACK_IDENTITY.name}`]), ...(email ? [] : ['-c', `user.email=${FALLBACK_IDENTITY.email}`])];
  });
}

/**
 * What a sync reads from git config, once per GitCommand (one sync from the
 * command line; a window's session of syncs, which makes a new one when the
 * git path changes): each read is a git process on every sync otherwise.
 */
const identityArgs = new WeakMap<GitCommand, Promise<string[]>>();
const sshCommands = new WeakMap<GitCommand, Promise<string>>();
function cached<T>(cache: WeakMap<GitCommand, Promise<T>>, git: GitCommand, read: () => Promise<T>): Promise<T> {
  let value = cache.get(git);
  if (!value) {
    value = read();
    // A failed read is tried again next time.
    value.catch(() => cache.delete(git));
    cache.set(git, value);
  }
  return value;
}

/** Starts the config reads a sync needs, so they run beside the first remote call instead of before the commit and the push. */
export function prepareSync(git: GitCommand): void {
  void commitIdentityConfig(git).catch(() => undefined);
  void objectFormat(git).catch(() => undefined);
  void userSshCommand(git).catch(() => undefined);
}

const userSshCommand = (git: GitCommand) => cached(sshCommands, git, async () => (await git.run(['config', '--default=', '--get', 'core.sshCommand'])).trim());

/**
 * Pushes exactly `<commit>:refs/heads/<branch>`, never forced. 'rejected' when
 * the remote branch moved since our fetch (fetch, merge and try again); on
 * success the private ref moves to `commit`. Other failures: SyncRemoteError.
 */
export async function pushSyncBranch(git: GitCommand, target: SyncTarget, commit: string, options: RemoteCallOptions): Promise<'pushed' | 'rejected'> {
  if (!isFullSha(commit)) throw new SyncRemoteError('other', `sync failed: ${quoted(commit)} is not a commit sha to push`);
  const destination = `refs/heads/${target.branch}`;
  const args = [
    'push',
    '--porcelain',
    // Pre-push hooks do not run (--no-verify): they guard the code a person pushes
    // (tests, linters) and this push carries only the store file, in the
    // background every few seconds; a slow or failing hook would stall sharing
    // during an incident. The remote's own hooks and branch rules still apply.
    '--no-verify',
    // Only the one ref: no tags even with push.followTags, no submodules even with
    // push.recurseSubmodules, no signed-push prompt even with push.gpgSign.
    '--no-follow-tags',
    '--recurse-submodules=no',
    '--no-signed',
    '--end-of-options',
    target.remote,
    `${commit}:${destination}`,
  ];
  const result = await runRemoteCommand(git, target, args, options);
  const status = pushStatus(result.stdout, destination);
  if (result.exitCode === 0 && status && status.flag !== '!') {
    await git.run(['update-ref', target.privateRef, commit]);
    return 'pushed';
  }
  if (status?.flag === '!' && /^\[rejected\]/.test(status.summary)) return 'rejected';
  // Two pushes landing at the same moment: the remote could not lock or move the ref for the later one. Someone else got there first, as above.
  if (status?.flag === '!' && /^\[remote rejected\].*(failed to update ref|cannot lock ref|failed to lock|incorrect old value)/.test(status.summary)) return 'rejected';
  if (status?.flag === '!' && /^\[remote rejected\]/.test(status.summary)) {
    const reason = /\((.*)\)/.exec(status.summary)?.[1] ?? 'refused';
    throw new SyncRemoteError(
      'rejected',
      `sync failed: ${target.remote} refused the push to ${target.branch} (${reason}); ask whoever runs the remote to allow pushes to ${target.branch}, or choose another sync branch`,
    );
  }
  throw remoteFailure('push', target, result.stderr || status?.summary || '', status?.summary);
}

/** The porcelain status line of one ref: `<flag>\t<from>:<to>\t<summary>`. */
function pushStatus(stdout: string, destination: string): { flag: string; summary: string } | undefined {
  for (const line of stdout.split('\n')) {
    const [flag, refs, summary] = line.split('\t');
    if (summary !== undefined && flag.length === 1 && refs.endsWith(`:${destination}`)) return { flag, summary };
  }
  return undefined;
}

/** Runs a fetch or push under the time limit and without prompts; a timeout becomes SyncRemoteError 'timeout'. */
async function runRemoteCommand(git: GitCommand, target: SyncTarget, args: string[], options: RemoteCallOptions): Promise<GitProcessResult> {
  const env = await remoteEnvironment(git, options.timeoutMs);
  try {
    return await git.runBounded(args, { env, timeoutMs: options.timeoutMs, signal: options.signal });
  } catch (error) {
    if (!(error instanceof GitTimeoutError)) throw error;
    const seconds = Math.round(options.timeoutMs / 100) / 10;
    throw new SyncRemoteError(
      'timeout',
      `sync failed: ${target.remote} did not answer within ${seconds} s; check the network and try again (\`git fetch ${target.remote}\` shows where it stops)`,
    );
  }
}

/**
 * The environment for a command that talks to a remote: it must fail, never
 * wait for a person. No terminal prompt, no askpass program (empty GIT_ASKPASS
 * also hides core.askPass and SSH_ASKPASS from git), no credential-manager
 * window; stored credentials still work. ssh runs in batch mode with a connect
 * timeout unless the user set their own ssh command. Messages in English, the
 * only language classify() reads.
 */
async function remoteEnvironment(git: GitCommand, timeoutMs: number): Promise<Record<string, string>> {
  const env: Record<string, string> = {
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '',
    SSH_ASKPASS: '',
    SSH_ASKPASS_REQUIRE: 'never',
    GCM_INTERACTIVE: 'never',
    LC_ALL: 'C',
    LANGUAGE: 'C',
  };
  if (!process.env.GIT_SSH_COMMAND && !process.env.GIT_SSH && !(await userSshCommand(git))) {
    const connectSeconds = Math.max(1, Math.min(10, Math.floor(timeoutMs / 2000)));
    env.GIT_SSH_COMMAND = `ssh -o BatchMode=yes -o ConnectTimeout=${connectSeconds}`;
  }
  return env;
}

const AUTHENTICATION = [
  /authentication failed/i,
  /could not read (username|password)/i,
  /permission denied \(/i,
  /returned error: 40[13]\b/i,
  /\bHTTP[^\n]* 40[13]\b/,
  /host key verification failed/i,
  /access denied/i,
];
const UNREACHABLE = [
  /connection refused/i,
  /could not resolve (host|hostname)/i,
  /could not read from remote repository/i,
  /unable to connect/i,
  /failed to connect/i,
  /connection timed out/i,
  /operation timed out/i,
  /network is unreachable/i,
  /no route to host/i,
  /connection reset/i,
  /remote end hung up/i,
  /unable to access/i,
];

/** Sorts git's stderr into a kind; authentication first, since ssh adds "could not read from remote repository" to a refused key. */
export function classifyRemoteFailure(stderr: string): SyncFailureKind {
  if (AUTHENTICATION.some((pattern) => pattern.test(stderr))) return 'authentication';
  if (UNREACHABLE.some((pattern) => pattern.test(stderr))) return 'unreachable';
  return 'other';
}

/** `summary`: the ref's own status from push --porcelain, which says more than "failed to push some refs". */
function remoteFailure(command: 'fetch' | 'push', target: SyncTarget, stderr: string, summary?: string): SyncRemoteError {
  const { remote } = target;
  const kind = classifyRemoteFailure(stderr);
  switch (kind) {
    case 'authentication':
      return new SyncRemoteError(kind, `sync failed: authentication to ${remote} was refused; check your credentials with \`git ${command} ${remote}\``);
    case 'unreachable':
      return new SyncRemoteError(kind, `sync failed: ${remote} could not be reached; check the network, then try \`git fetch ${remote}\``);
    default: {
      const detail = summary ?? stderr.split('\n').find((line) => /^(fatal|error):/.test(line.trim())) ?? stderr.trim().split('\n')[0] ?? '';
      return new SyncRemoteError(
        kind,
        `sync failed: git ${command} ${remote} failed${detail ? ` (${detail.trim().slice(0, 300)})` : ''}; run \`git ${command} ${remote}\` to see why`,
      );
    }
  }
}

/** For callers that catch anything: a SyncRemoteError as is, anything else as kind 'other' with its message. */
export function asSyncRemoteError(error: unknown): SyncRemoteError {
  return error instanceof SyncRemoteError ? error : new SyncRemoteError('other', `sync failed: ${errorMessage(error)}`);
}
