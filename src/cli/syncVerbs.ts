/** `incident sync`: share the store with the team through the remote's sync branch. */
import { DEFAULT_SYNC_BRANCH, DEFAULT_SYNC_REMOTE, teamSyncSettings, withTeamSyncSettings } from '../core/syncSettings';
import { GitCommand } from '../git/gitCommand';
import type { IncidentStore } from '../store/incidentStore';
import { syncStore } from '../workflows/sync';
import { UsageError } from './cliContext';
import type { Verb } from './verbSupport';
import { verbArguments } from './verbSupport';

const SECONDS_DEFAULT = '20';

/** The remote and branch: the options, else the store's `sync` block, else origin (or the only remote) and incident-log. */
async function chooseTarget(store: IncidentStore, git: GitCommand, given: { remote?: string; branch?: string }): Promise<{ remote: string; branch: string }> {
  const read = store.read();
  const team = read.kind === 'loaded' ? teamSyncSettings(read.document).settings : undefined;
  const branch = given.branch ?? team?.branch ?? DEFAULT_SYNC_BRANCH;
  if (given.remote ?? team?.remote) return { remote: (given.remote ?? team?.remote) as string, branch };
  const remotes = (await git.run(['remote'])).split('\n').filter(Boolean);
  if (remotes.includes(DEFAULT_SYNC_REMOTE) || remotes.length !== 1) return { remote: DEFAULT_SYNC_REMOTE, branch };
  return { remote: remotes[0], branch };
}

export const SYNC_VERBS: Record<string, Verb> = {
  sync: {
    summary: "share the store with the team: join it with the remote's sync branch (default incident-log) and push",
    usage: 'incident sync [--remote NAME] [--branch NAME] [--timeout SECONDS] [--json]   |   incident sync --enable|--disable [--remote NAME] [--branch NAME]',
    async run(args, { store, author, out }) {
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
      const { remote, branch } = await chooseTarget(store, git, { remote: values.remote, branch: values.branch });
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
