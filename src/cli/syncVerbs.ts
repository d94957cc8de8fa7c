/** `incident sync`: share the store with the team through the remote's sync branch. */
import { chooseSyncTarget, withTeamSyncSettings } from '../core/plan/syncSettings';
import { GitCommand } from '../git/gitCommand';
import type { IncidentStore } from '../store/incidentStore';
import { checkSyncTarget, SyncRemoteError } from '../git/syncBranch';
import { checkSyncBranch, repairRemoteStore, syncStore } from '../workflows/sync';
import { UsageError } from './cliContext';
import { stderrLine } from './output';
import type { Verb } from './verbSupport';
import { verbArguments } from './verbSupport';

const SECONDS_DEFAULT = '20';

/** The remote and branch: the options, else the store's `sync` block, else origin (or the only remote) and incident-log. */
/** The remote and branch (core/plan/syncSettings chooseSyncTarget); a broken sync block in the store is said on stderr, not obeyed. */
async function chooseTarget(
  store: IncidentStore,
  git: GitCommand,
  given: { remote?: string; branch?: string },
  warn: (line: string) => void,
): Promise<{ remote: string; branch: string }> {
  const read = store.read();
  const remotes = given.remote ? undefined : (await git.run(['remote'])).split('\n').filter(Boolean);
  const { remote, branch, problem } = chooseSyncTarget(given, read.kind === 'loaded' ? read.document : undefined, remotes);
  if (problem) warn(`warning: ${problem}, so it is ignored; write a good one with "incident sync --enable" (or --disable)`);
  return { remote, branch };
}

/** The remote's branch is looked at before the team setting names it; when the remote cannot be reached now, the first sync looks instead. */
async function checkBranchBeforeEnabling(git: GitCommand, remote: string, branch: string, timeoutMs: number, warn: (line: string) => void): Promise<void> {
  try {
    await checkSyncBranch(git, remote, branch, timeoutMs);
  } catch (error) {
    if (!(error instanceof SyncRemoteError) || (error.kind !== 'unreachable' && error.kind !== 'timeout')) throw error;
    warn(`warning: could not look at ${remote}/${branch} now (${error.kind}); the first sync checks that it holds only the incident store`);
  }
}

/** Asks on the terminal; with no terminal to ask in, says to confirm with --yes. */
async function askInTerminal(question: string): Promise<boolean> {
  if (process.stdin.isTTY !== true) throw new UsageError('--repair-remote replaces the store on the remote; confirm with --yes (there is no terminal to ask in)');
  const { createInterface } = await import('node:readline/promises');
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

export const SYNC_VERBS: Record<string, Verb> = {
  sync: {
    summary: "share the store with the team: join it with the remote's sync branch (default incident-log) and push",
    usage:
      'incident sync [--remote NAME] [--branch NAME] [--timeout SECONDS] [--json]   |   incident sync --enable|--disable [--remote NAME] [--branch NAME]   |   incident sync --repair-remote [--yes] [--remote NAME] [--branch NAME]',
    async run(args, { store, author, out, err }) {
      const { values } = verbArguments(
        args,
        {
          remote: { type: 'string' },
          branch: { type: 'string' },
          timeout: { type: 'string', default: SECONDS_DEFAULT },
          json: { type: 'boolean', default: false },
          enable: { type: 'boolean', default: false },
          disable: { type: 'boolean', default: false },
          'repair-remote': { type: 'boolean', default: false },
          yes: { type: 'boolean', default: false },
        },
        false,
      );
      const seconds = Number(values.timeout);
      if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new UsageError(`--timeout must be a number of seconds from 1 to 600 (got "${values.timeout}")`);
      if ([values.enable, values.disable, values['repair-remote']].filter(Boolean).length > 1) throw new UsageError('--enable, --disable and --repair-remote cannot go together');
      if (values.yes && !values['repair-remote']) throw new UsageError('--yes only confirms --repair-remote');
      const git = new GitCommand(store.root);
      const warn = (line: string) => (err ?? stderrLine)(`incident: ${line}`);
      const { remote, branch } = await chooseTarget(store, git, { remote: values.remote, branch: values.branch }, warn);
      if (values.enable || values.disable) {
        // Checked before it is written: a team setting naming no remote, or a branch that holds code, would fail on every clone.
        const enabled = values.enable;
        if (enabled) await checkBranchBeforeEnabling(git, remote, branch, seconds * 1000, warn);
        else await checkSyncTarget(git, remote, branch);
        await store.mutateDocument((document) => withTeamSyncSettings(document, { enabled, remote, branch }), { create: true });
        out(
          enabled
            ? `Team sync is on for everyone with this store: ${remote}/${branch}. Commit .incidents/ and push it (or run "incident sync") so the team gets the setting.`
            : 'Team sync is off for everyone with this store once they get this change.',
        );
        return;
      }
      if (values['repair-remote']) {
        const confirm = values.yes ? async () => true : askInTerminal;
        const repaired = await repairRemoteStore(store, git, { remote, branch, timeoutMs: seconds * 1000, who: author, confirm });
        out(
          `Repaired ${repaired.target.remote}/${repaired.target.branch}: this clone's store replaced the unusable one (commit ${repaired.pushed.slice(0, 8)}; the old copy stays at ${repaired.replaced.slice(0, 8)}).`,
        );
        return;
      }
      const result = await syncStore(store, git, { remote, branch, timeoutMs: seconds * 1000, who: author });
      const where = `${result.target.remote}/${result.target.branch}`;
      if (values.json) {
        out(JSON.stringify({ remote: result.target.remote, branch: result.target.branch, ...result, target: undefined }, null, 2));
        return;
      }
      if (!result.pushed && !result.received && !result.adopted) {
        out(store.read().kind === 'missing' ? `Nothing to sync: no store here and none on ${where} yet.` : `Already in sync with ${where}.`);
        return;
      }
      if (result.adopted) out(`Took the team's store from ${where}.`);
      else if (result.received) out(`Received ${result.received} changed record(s) from ${where}.`);
      if (result.pushed) out(`${result.createdBranch ? `Created ${where} with this store` : `Shared local changes on ${where}`} (commit ${result.pushed.slice(0, 8)}).`);
    },
  },
};
