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
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { errorMessage } from '../core/record/errors';
import { GitTimeoutError } from './errors';
import { GitCommand, type GitProcessResult } from './gitCommand';
import { cachedPerCommand, gitDirectory, readLooseObject, readRefFile, removeStaleRefLock, writeLooseObject, writeRefFile } from './gitDirectory';
import { DEFAULT_SYNC_BRANCH } from '../core/plan/syncSettings';
import { branchNameProblem } from './branchName';
import { branchContent, branchInUseProblem } from './syncBranchContent';
import { readIdentity } from './identity';
import { checkRepositoryPath, checkRevisionText, isObjectName } from './revisionText';

/** Private refs, one per remote and branch: refs/incident-sync/<remote>/<branch>. Outside refs/heads and refs/remotes, so no branch list, `git fetch` or `git push --all` sees them. */
export const SYNC_REF_PREFIX = 'refs/incident-sync';

export interface SyncTarget {
  remote: string;
  branch: string;
  privateRef: string;
}

export type SyncFailureKind = 'no-remote' | 'no-such-remote' | 'bad-branch-name' | 'not-a-sync-branch' | 'unreachable' | 'timeout' | 'authentication' | 'rejected' | 'other';

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
  const remotes = await remoteNames(git);
  // Not a failure: a repository without any remote (a demo, a first try) has nobody to sync with yet.
  if (!remotes.length)
    throw new SyncRemoteError(
      'no-remote',
      `this repository has no remote yet, so there is no ${quoted(remote)} to sync incidents with; add one with \`git remote add origin URL\` to share them with your team`,
    );
  if (remote.startsWith('-') || !remotes.includes(remote)) {
    const known = remotes.length ? `one of: ${remotes.join(', ')}` : 'add one with `git remote add`';
    throw new SyncRemoteError('no-such-remote', `sync failed: ${quoted(remote)} is not a remote of this repository; name a remote from \`git remote\` (${known})`);
  }
  const inUse = await branchInUseProblem(git, remote, branch);
  if (inUse) throw notASyncBranch(inUse);
  return { remote, branch, privateRef: `${SYNC_REF_PREFIX}/${remote}/${branch}` };
}

/** A branch sync must never write to (it holds, or will hold, more than the store): one line saying what to do. */
export const notASyncBranch = (problem: string): SyncRemoteError =>
  new SyncRemoteError(
    'not-a-sync-branch',
    `sync refused: ${problem}; sync to a branch of its own, such as "${DEFAULT_SYNC_BRANCH}" (incident sync --enable --branch ${DEFAULT_SYNC_BRANCH})`,
  );

/**
 * `git remote`, read again only when a config file git reads remotes from
 * changed (the repository's, the user's): a background sync every few seconds
 * need not start a process to learn the same names. A remote defined in an
 * included file is seen when one of those files changes too.
 */
async function remoteNames(git: GitCommand): Promise<string[]> {
  const { commonDir } = await gitDirectory(git);
  const home = homedir();
  const configs = [join(commonDir, 'config'), join(home, '.gitconfig'), join(process.env.XDG_CONFIG_HOME || join(home, '.config'), 'git', 'config')];
  const key = configs.map(fileSignature).join('|');
  const known = remoteLists.get(git);
  if (known?.key === key) return known.names;
  const names = (await git.run(['remote']))
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  remoteLists.set(git, { key, names });
  return names;
}

const remoteLists = new WeakMap<GitCommand, { key: string; names: string[] }>();

/** What changes when a file is edited or replaced; "-" for no file. */
function fileSignature(file: string): string {
  const stats = statSync(file, { bigint: true, throwIfNoEntry: false });
  return stats ? `${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}` : '-';
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
  for (let attempt = 1; ; attempt++) {
    // A fetch killed at its time limit can leave the private ref's lock behind, which would fail every later one.
    removeStaleRefLock(await gitDirectory(git), target.privateRef);
    const result = await runRemoteCommand(git, target, args, options);
    if (result.exitCode === 0) return true;
    // Another process of this clone (a receiver, the editor, a second sync) fetched at the same moment: git refused to move the ref under it. Fetch again.
    if (REF_RACE.test(result.stderr) && attempt < REF_RACE_ATTEMPTS && !options.signal?.aborted) {
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
      continue;
    }
    if (!/couldn't find remote ref/i.test(result.stderr)) throw remoteFailure('fetch', target, result.stderr);
    await git.run(['update-ref', '-d', target.privateRef]);
    return false;
  }
}

/** What git says when another process holds, or just moved, a ref a fetch updates ("cannot lock ref …: is at X but expected Y", "… Unable to create '….lock': File exists"). */
const REF_RACE = /cannot lock ref/i;
const REF_RACE_ATTEMPTS = 5;

/** A fetch that succeeded and yet left no commit in the private ref. */
export const fetchLeftNothing = (target: SyncTarget): SyncRemoteError =>
  new SyncRemoteError(
    'other',
    `sync failed: fetching ${target.branch} from ${target.remote} left no commit behind; run \`git fetch ${target.remote} ${target.branch}\` to see why`,
  );

/** The commit the private ref points at, if it exists: read from the ref's file where git keeps refs as files, else asked of git. */
export async function readPrivateRef(git: GitCommand, target: SyncTarget): Promise<string | undefined> {
  const read = readRefFile(await gitDirectory(git), target.privateRef);
  if (read) return read.sha;
  const lines = (await git.run(['for-each-ref', '--format=%(objectname) %(refname)', target.privateRef])).split('\n');
  return lines.find((line) => line.endsWith(` ${target.privateRef}`))?.split(' ')[0];
}

/** Moves the private ref to `commit` (after a push of it): in the ref's file where it can, else through git. */
async function movePrivateRef(git: GitCommand, target: SyncTarget, commit: string): Promise<void> {
  if (!writeRefFile(await gitDirectory(git), target.privateRef, commit)) await git.run(['update-ref', target.privateRef, commit]);
}

/** The private ref's commit, and the store on it: its path on the branch and its bytes (neither when the tree is empty); undefined when the ref does not exist. */
export interface SyncCopy {
  tip: string;
  path?: string;
  bytes?: Buffer;
}

/**
 * Reads the private ref's commit and the one file its tree holds (a tree
 * with other files is refused: SyncRemoteError 'not-a-sync-branch'), from
 * loose objects when a small fetch left them so, else through git (names go
 * through stdin: data to cat-file, never an argument). `known`: a copy
 * already read; when the ref still points at it, no git process runs at all.
 */
export async function readSyncCopy(git: GitCommand, target: SyncTarget, known?: SyncCopy): Promise<SyncCopy | undefined> {
  const tip = await readPrivateRef(git, target);
  if (!tip) return undefined;
  if (known?.tip === tip) return known;
  const content = await branchContent(git, tip);
  if (content.kind === 'other-files') {
    throw notASyncBranch(`${target.remote}/${target.branch} holds other files than the incident store (${content.example}, …), so a sync would delete them`);
  }
  if (content.kind === 'empty') return { tip };
  const path = checkRepositoryPath(content.path);
  const loose = readLooseObject(await gitDirectory(git), content.blob);
  if (loose?.type === 'blob') return { tip, path, bytes: loose.body };
  const [blob] = batchRecords(await git.runForBytes(['cat-file', '--batch'], { input: `${content.blob}\n` }));
  if (blob?.type !== 'blob') throw fetchLeftNothing(target);
  return { tip, path, bytes: blob.content };
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
 * remote tip; none: a root commit). Its objects are written as loose files
 * (gitDirectory.ts), so the index, the work tree, HEAD and every ref stay as
 * they are. Returns the commit's sha.
 */
export async function commitFileOnTop(git: GitCommand, options: CommitFileOptions): Promise<string> {
  return (await commitWriter(git))(options);
}

export interface CommitFileOptions {
  parent?: string;
  path: string;
  /** The file's content: text (written as UTF-8) or the bytes themselves. */
  text: string | Buffer;
  message: string;
}

/**
 * commitFileOnTop once what it reads from git config is known: the returned
 * function runs no git process and returns at once (sync calls it under the
 * store's lock, while it writes the store file).
 */
export async function commitWriter(git: GitCommand): Promise<(options: CommitFileOptions) => string> {
  const [who, directory] = await Promise.all([commitIdentity(git), gitDirectory(git)]);
  return (options) => {
    const { parent, text, message } = options;
    if (parent !== undefined && !isObjectName(parent)) throw new SyncRemoteError('other', `sync failed: ${quoted(parent)} is not a commit sha to build on`);
    const names = checkRepositoryPath(options.path).split('/');
    if (names.some((name) => !name || name === '.')) throw new SyncRemoteError('other', `sync failed: ${quoted(options.path)} is not a file path to commit`);
    // The blob is the bytes as given: no filter or end-of-line conversion applies; then a tree of one entry per folder, innermost first.
    let sha = writeLooseObject(directory, 'blob', typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
    for (let depth = names.length - 1; depth >= 0; depth--) {
      sha = writeLooseObject(directory, 'tree', treeBody([{ mode: depth === names.length - 1 ? '100644' : '40000', name: names[depth], sha }]));
    }
    return writeLooseObject(directory, 'commit', commitBody(sha, parent, who, message));
  };
}

/** A tree object's content: each entry's mode, name and binary object name. */
function treeBody(entries: Array<{ mode: string; name: string; sha: string }>): Buffer {
  return Buffer.concat(entries.flatMap(({ mode, name, sha }) => [Buffer.from(`${mode} ${name}\0`), Buffer.from(sha, 'hex')]));
}

/** A commit object's content, author and committer alike, dated now in this machine's time zone; never signed. */
function commitBody(tree: string, parent: string | undefined, who: string, message: string): Buffer {
  const now = new Date();
  const offset = -now.getTimezoneOffset();
  const zone = `${offset < 0 ? '-' : '+'}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  const stamp = `${who} ${Math.floor(now.getTime() / 1000)} ${zone}`;
  const lines = [`tree ${tree}`, ...(parent ? [`parent ${parent}`] : []), `author ${stamp}`, `committer ${stamp}`, '', message.endsWith('\n') ? message : `${message}\n`];
  return Buffer.from(lines.join('\n'), 'utf8');
}

/** "Name <email>" from the repository's git config, or the fallback identity for what it lacks; without the characters git strips from one. */
function commitIdentity(git: GitCommand): Promise<string> {
  return cachedPerCommand(identities, git, async () => {
    const { name, email } = await readIdentity(git);
    // eslint-disable-next-line no-control-regex -- removing control characters is the point
    const clean = (text: string | undefined, fallback: string) => text?.replace(/[<>\u0000-\u001f\u007f]/g, '').trim() || fallback;
    return `${clean(name, FALLBACK_IDENTITY.name)} <${clean(email, FALLBACK_IDENTITY.email)}>`;
  });
}

/**
 * What a sync reads from git config, once per GitCommand (one sync from the
 * command line; a window's session of syncs, which makes a new one when the
 * git path changes): each read is a git process on every sync otherwise.
 */
const identities = new WeakMap<GitCommand, Promise<string>>();
const sshCommands = new WeakMap<GitCommand, Promise<string>>();

/** Starts the config reads a sync needs, so they run beside the first remote call instead of before the commit and the push. */
export function prepareSync(git: GitCommand): void {
  void commitIdentity(git).catch(() => undefined);
  void gitDirectory(git).catch(() => undefined);
  void userSshCommand(git).catch(() => undefined);
}

const userSshCommand = (git: GitCommand) => cachedPerCommand(sshCommands, git, async () => (await git.run(['config', '--default=', '--get', 'core.sshCommand'])).trim());

/**
 * Pushes exactly `<commit>:refs/heads/<branch>`, never forced. 'rejected' when
 * the remote branch moved since our fetch (fetch, merge and try again); on
 * success the private ref moves to `commit`. Other failures: SyncRemoteError.
 */
export async function pushSyncBranch(git: GitCommand, target: SyncTarget, commit: string, options: RemoteCallOptions): Promise<'pushed' | 'rejected'> {
  if (!isObjectName(commit)) throw new SyncRemoteError('other', `sync failed: ${quoted(commit)} is not a commit sha to push`);
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
    await movePrivateRef(git, target, commit);
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
