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
import { GitCommandError, GitTimeoutError } from './errors';
import { GitCommand, type GitProcessResult } from './gitCommand';
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
  // Both checks at once (two git processes side by side); the remote's verdict is said first.
  const [listed, branchChecked] = await Promise.allSettled([git.run(['remote']), checkBranchName(git, branch)]);
  if (listed.status === 'rejected') throw listed.reason;
  const remotes = listed.value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  if (remote.startsWith('-') || !remotes.includes(remote)) {
    const known = remotes.length ? `one of: ${remotes.join(', ')}` : 'add one with `git remote add`';
    throw new SyncRemoteError('no-such-remote', `sync failed: ${quoted(remote)} is not a remote of this repository; name a remote from \`git remote\` (${known})`);
  }
  if (branchChecked.status === 'rejected') throw branchChecked.reason;
  const checked = branchChecked.value;
  return { remote, branch: checked, privateRef: `${SYNC_REF_PREFIX}/${remote}/${checked}` };
}

async function checkBranchName(git: GitCommand, branch: string): Promise<string> {
  const refuse = (reason: string) =>
    new SyncRemoteError('bad-branch-name', `sync failed: ${quoted(branch)} is not a usable sync branch name (${reason}); choose another, such as "incident-log"`);
  if (!branch) throw refuse('it is empty');
  if (branch.startsWith('-')) throw refuse('it starts with "-"');
  if (branch === 'HEAD' || branch === '@') throw refuse('it names HEAD');
  // `@{-1}` and `@{u}` are shorthands check-ref-format --branch would expand to another branch's name.
  if (branch.includes('@{')) throw refuse('it contains "@{"');
  // eslint-disable-next-line no-control-regex -- matching control characters is this pattern's job
  if (/[\s\u0000-\u001f\u007f]/.test(branch)) throw refuse('it contains whitespace or control characters');
  // check-ref-format reads the word after --branch as the name, never as an option.
  const accepted = await git.run(['check-ref-format', '--branch', branch]).catch((error: unknown) => {
    if (error instanceof GitCommandError) throw refuse('git does not accept it as a branch name');
    throw error;
  });
  if (accepted.trim() !== branch) throw refuse('git reads it as another name');
  return branch;
}

/**
 * Fetches the remote's sync branch into the private ref, forced (a remote
 * branch rewritten by force-push replaces it). The fetched commit, or
 * undefined when the remote has no such branch; the private ref then goes too.
 */
export async function fetchSyncBranch(git: GitCommand, target: SyncTarget, options: RemoteCallOptions): Promise<string | undefined> {
  const refspec = `+refs/heads/${target.branch}:${target.privateRef}`;
  // No tags, no submodules, no FETCH_HEAD, no background gc. Git also moves
  // refs/remotes/<remote>/<branch>, as any plain `git fetch` of that remote would (and
  // push does the same); we leave it so, keeping it true to the remote.
  const args = ['fetch', '--quiet', '--no-tags', '--no-recurse-submodules', '--no-write-fetch-head', '--no-auto-maintenance', '--end-of-options', target.remote, refspec];
  const result = await runRemoteCommand(git, target, args, options);
  if (result.exitCode !== 0) {
    if (!/couldn't find remote ref/i.test(result.stderr)) throw remoteFailure('fetch', target, result.stderr);
    await git.run(['update-ref', '-d', target.privateRef]);
    return undefined;
  }
  const tip = await readPrivateRef(git, target);
  if (!tip)
    throw new SyncRemoteError(
      'other',
      `sync failed: fetching ${target.branch} from ${target.remote} left no commit behind; run \`git fetch ${target.remote} ${target.branch}\` to see why`,
    );
  return tip;
}

/** The commit the private ref points at, if it exists. */
export async function readPrivateRef(git: GitCommand, target: SyncTarget): Promise<string | undefined> {
  const lines = (await git.run(['for-each-ref', '--format=%(objectname) %(refname)', target.privateRef])).split('\n');
  return lines.find((line) => line.endsWith(` ${target.privateRef}`))?.split(' ')[0];
}

/** The text of `path` in `commit`, or undefined when that commit's tree lacks it. */
export async function readFileAtCommit(git: GitCommand, commit: string, path: string): Promise<string | undefined> {
  const revision = checkRevisionText(commit);
  const file = checkRepositoryPath(path);
  // Through stdin: the object name is data to cat-file, never an argument.
  const out = await git.run(['cat-file', '--batch'], { input: `${revision}:${file}\n` });
  const headerEnd = out.indexOf('\n');
  // "<sha> blob <size>", or "<name> missing" (or a tree's header) when there is no such file.
  if (!/^[0-9a-f]{40,64} blob \d+$/.test(out.slice(0, headerEnd))) return undefined;
  // --batch ends the content with one newline of its own.
  return out.slice(headerEnd + 1, out.endsWith('\n') ? -1 : undefined);
}

/**
 * A commit whose tree holds only `path` with `text`, on top of `parent` (the
 * remote tip; none: a root commit). Plumbing only, so the index, the work
 * tree, HEAD and every ref stay as they are. Returns the commit's sha.
 */
export async function commitFileOnTop(git: GitCommand, options: { parent?: string; path: string; text: string; message: string }): Promise<string> {
  const { parent, text, message } = options;
  if (parent !== undefined && !isFullSha(parent)) throw new SyncRemoteError('other', `sync failed: ${quoted(parent)} is not a commit sha to build on`);
  const names = checkRepositoryPath(options.path).split('/');
  if (names.some((name) => !name || name === '.')) throw new SyncRemoteError('other', `sync failed: ${quoted(options.path)} is not a file path to commit`);
  const identity = commitIdentityConfig(git);
  const tree = await writeBlobAndTrees(git, names, text);
  // --no-gpg-sign: commit.gpgSign would otherwise ask for a passphrase on every background sync.
  const args = [...(await identity), 'commit-tree', '--no-gpg-sign', ...(parent ? ['-p', parent] : []), tree];
  return (await git.run(args, { input: message.endsWith('\n') ? message : `${message}\n` })).trim();
}

/**
 * Writes the file's blob and the trees holding it (folders, then the file):
 * the root tree's sha. The blob's name is computed here the way git computes
 * it, so one `mktree --batch` can write every tree, innermost first, while
 * `hash-object` writes the blob beside it; the names git answers with are
 * checked against ours. Names outside the plain characters go one step at a
 * time (mktree -z after the blob).
 */
async function writeBlobAndTrees(git: GitCommand, names: string[], text: string): Promise<string> {
  // hash-object --stdin stores the bytes as given: no filter or end-of-line conversion applies.
  const writeBlob = async () => (await git.run(['hash-object', '-w', '--stdin'], { input: text })).trim();
  const file = names[names.length - 1];
  if (!names.every((name) => /^[A-Za-z0-9._-]+$/.test(name))) {
    let entry = `100644 blob ${await writeBlob()}\t${file}`;
    for (let depth = names.length - 2; depth >= 0; depth--) entry = `040000 tree ${await makeTree(git, entry)}\t${names[depth]}`;
    return makeTree(git, entry);
  }
  const algorithm = await objectFormat(git);
  const blob = objectName(algorithm, 'blob', Buffer.from(text, 'utf8'));
  const trees: string[] = [`100644 blob ${blob}\t${file}\n`];
  let inner = objectName(algorithm, 'tree', treeBody([{ mode: '100644', name: file, sha: blob }]));
  for (let depth = names.length - 2; depth >= 0; depth--) {
    trees.push(`040000 tree ${inner}\t${names[depth]}\n`);
    inner = objectName(algorithm, 'tree', treeBody([{ mode: '40000', name: names[depth], sha: inner }]));
  }
  // --missing: the blob may not be written yet when mktree reads its entry; both are checked below.
  const [written, treesWritten] = await Promise.all([writeBlob(), git.run(['mktree', '--missing', '--batch'], { input: trees.join('\n') })]);
  const treeNames = treesWritten.trim().split('\n');
  const root = treeNames[treeNames.length - 1];
  if (written !== blob || root !== inner)
    throw new SyncRemoteError('other', `sync failed: git named the store's objects otherwise than expected (${written}, ${root}); nothing was pushed`);
  return root;
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
