/** `incident sync`: share the store with the team through the remote's sync branch. */
import { chooseSyncTarget, withTeamSyncSettings } from '../core/syncSettings';
import { GitCommand } from '../git/gitCommand';
import type { IncidentStore } from '../store/incidentStore';
import { syncStore } from '../workflows/sync';
import { UsageError } from './cliContext';
import { stderrLine } from './output';
import type { Verb } from './verbSupport';
import { verbArguments } from './verbSupport';

const SECONDS_DEFAULT = '20';

/** The remote and branch: the options, else the store's `sync` block, else origin (or the only remote) and incident-log. */
/** The remote and branch (core/syncSettings chooseSyncTarget); a broken sync block in the store is said on stderr, not obeyed. */
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

export const SYNC_VERBS: Record<string, Verb> = {
  sync: {
    summary: "share the store with the team: join it with the remote's sync branch (default incident-log) and push",
    usage: 'incident sync [--remote NAME] [--branch NAME] [--timeout SECONDS] [--json]   |   incident sync --enable|--disable [--remote NAME] [--branch NAME]',
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
        },
        false,
      );
      const seconds = Number(values.timeout);
      if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new UsageError(`--timeout must be a number of seconds from 1 to 600 (got "${values.timeout}")`);
      if (values.enable && values.disable) throw new UsageError('--enable and --disable cannot go together');
      const git = new GitCommand(store.root);
      const { remote, branch } = await chooseTarget(store, git, { remote: values.remote, branch: values.branch }, (line) => (err ?? stderrLine)(`incident: ${line}`));
      if (values.enable || values.disable) {
        // Checked before it is written: a team setting naming no remote would fail on every clone.
        const { checkSyncTarget } = await import('../git/syncBranch');
        await checkSyncTarget(git, remote, branch);
        const enabled = values.enable;
        await store.mutateDocument((document) => withTeamSyncSettings(document, { enabled, remote, branch }), { create: true });
        out(
          enabled
            ? `Team sync is on for everyone with this store: ${remote}/${branch}. Commit .incidents/ and push it (or run "incident sync") so the team gets the setting.`
            : 'Team sync is off for everyone with this store once they get this change.',
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
