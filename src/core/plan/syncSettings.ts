/**
 * How a team turns sync on for everyone: a `sync` block at the top of the
 * store, committed like the rest of the record, so one person's choice
 * reaches every clone (and every clone's sync carries it further):
 *
 *   "sync": { "enabled": true, "remote": "origin", "branch": "incident-log" }
 *
 * A top-level key, not part of the SLA policy: versions that do not know it
 * keep it as it is (the policy is strict and would refuse it).
 */
import { stampsOf } from '../merge/fieldStamps';
import { sameJson } from '../merge/sameJson';
import type { StoreDocument } from '../record/schema';

export const DEFAULT_SYNC_BRANCH = 'incident-log';
export const DEFAULT_SYNC_REMOTE = 'origin';

export interface TeamSyncSettings {
  enabled: boolean;
  remote?: string;
  branch?: string;
}

/** The store's `sync` block, or undefined with the problem when it is not one (a wrong block turns nothing on). */
export function teamSyncSettings(document: StoreDocument): { settings?: TeamSyncSettings; problem?: string } {
  const block = (document as { sync?: unknown }).sync;
  if (block === undefined) return {};
  if (typeof block !== 'object' || block === null || Array.isArray(block)) return { problem: 'the store\'s "sync" block is not an object' };
  const { enabled, remote, branch } = block as Record<string, unknown>;
  if (typeof enabled !== 'boolean') return { problem: 'the store\'s "sync" block needs "enabled": true or false' };
  for (const [name, value] of [
    ['remote', remote],
    ['branch', branch],
  ] as const) {
    if (value !== undefined && (typeof value !== 'string' || !value.trim())) return { problem: `the store's "sync" block has a "${name}" that is not a name` };
  }
  return { settings: { enabled, ...(typeof remote === 'string' && { remote }), ...(typeof branch === 'string' && { branch }) } };
}

/**
 * Which remote and branch to sync with, the same way in the command line and
 * in VS Code: what the person gave (an option, a setting), else the store's
 * `sync` block, else "origin" (or the only remote, when `remotes` is known and
 * there is exactly one and it is not named origin). `problem`: what is wrong
 * with the store's sync block, which then counts as absent.
 */
export function chooseSyncTarget(
  given: { remote?: string; branch?: string },
  document: StoreDocument | undefined,
  remotes?: readonly string[],
): { remote: string; branch: string; team?: TeamSyncSettings; problem?: string } {
  const { settings: team, problem } = document ? teamSyncSettings(document) : {};
  const branch = given.branch?.trim() || team?.branch || DEFAULT_SYNC_BRANCH;
  const named = given.remote?.trim() || team?.remote;
  const onlyRemote = remotes?.length === 1 && !remotes.includes(DEFAULT_SYNC_REMOTE) ? remotes[0] : undefined;
  return { remote: named || onlyRemote || DEFAULT_SYNC_REMOTE, branch, ...(team && { team }), ...(problem && { problem }) };
}

/** The document with its `sync` block set (turning sync on or off for the team). */
export function withTeamSyncSettings(document: StoreDocument, settings: TeamSyncSettings): StoreDocument {
  return {
    ...document,
    sync: { enabled: settings.enabled, ...(settings.remote && { remote: settings.remote }), ...(settings.branch && { branch: settings.branch }) },
  } as StoreDocument;
}

/**
 * What the local store holds that the last copy seen on the remote does not:
 * timeline events, status updates, action items, linked commits and deploys
 * not there yet, and incidents declared here. Said as "3 changes not shared yet".
 */
export function unsharedChanges(local: StoreDocument, remote: StoreDocument | undefined): number {
  const remoteIncidents = new Map((remote?.incidents ?? []).map((incident) => [incident.id, incident]));
  let count = 0;
  for (const incident of local.incidents) {
    const there = remoteIncidents.get(incident.id);
    if (!there) {
      count += Math.max(1, incident.timeline.length);
      continue;
    }
    if (there === incident || sameJson(there, incident)) continue;
    const ids = (list: readonly { id: string }[]) => new Set(list.map((item) => item.id));
    const [events, updates, items] = [ids(there.timeline), ids(there.updates), ids(there.retrospective.actionItems)];
    const added =
      incident.timeline.filter((event) => !events.has(event.id)).length +
      incident.updates.filter((update) => !updates.has(update.id)).length +
      incident.retrospective.actionItems.filter((item) => !items.has(item.id)).length;
    // Most changes add an event; one that adds none (a summary or root cause edited) counts by the single values changed here later than the remote's copy says.
    const [here, remoteStamps] = [stampsOf(incident), stampsOf(there)];
    count += added || Object.keys(here).filter((key) => here[key] > (remoteStamps[key] ?? '')).length;
  }
  const remoteDeploys = new Set((remote?.deploys ?? []).map((deploy) => deploy.id));
  return count + local.deploys.filter((deploy) => !remoteDeploys.has(deploy.id)).length;
}
