/**
 * What a reference scan does to the store, as a pure function: commits with
 * an `Incident:` trailer are linked (once; a rescan links nothing twice),
 * `Closes-Action:` trailers close open action items, and ids merely mentioned
 * are returned as offers for a person to confirm.
 */
import { linkCommit, setActionItemStatus } from '../lifecycle/changes';
import type { CommitSummary } from './commitSummary';
import type { ChangeContext } from '../record/context';
import type { CommitMessageReferences } from './references';
import type { CommitRelation, Incident, StoreDocument } from '../record/schema';

export interface ReferencedCommit extends CommitSummary {
  references: CommitMessageReferences;
}

export interface ReferenceOutcome {
  document: StoreDocument;
  linked: { incidentId: string; sha: string; relation: CommitRelation }[];
  closedActions: { incidentId: string; actionId: string; sha: string }[];
  /** Named in a message, not linked yet: ask. */
  offered: { incidentId: string; commit: CommitSummary }[];
  /** Ids in trailers that this store does not hold (another repository's incident, or a typo). */
  unknownIncidents: string[];
}

/** Oldest commit first, so timeline events come in the order the commits were made. */
export function applyCommitReferences(document: StoreDocument, commits: readonly ReferencedCommit[], ctx: ChangeContext): ReferenceOutcome {
  const incidents = new Map(document.incidents.map((incident) => [incident.id, incident]));
  const outcome: Omit<ReferenceOutcome, 'document'> = { linked: [], closedActions: [], offered: [], unknownIncidents: [] };
  const unknown = new Set<string>();
  const ordered = [...commits].sort((a, b) => (a.committedAt < b.committedAt ? -1 : a.committedAt > b.committedAt ? 1 : 0));
  for (const { references, ...commit } of ordered) {
    for (const { incidentId, relation } of references.linked) {
      const incident = incidents.get(incidentId);
      if (!incident) {
        unknown.add(incidentId);
        continue;
      }
      const updated = linkCommit(incident, commit, relation, ctx);
      if (updated !== incident) {
        incidents.set(incidentId, updated);
        outcome.linked.push({ incidentId, sha: commit.sha, relation });
      }
    }
    for (const incidentId of references.offered) {
      const incident = incidents.get(incidentId);
      if (incident && !incident.commits.some((linked) => linked.sha === commit.sha)) outcome.offered.push({ incidentId, commit });
    }
    for (const actionId of references.closesActions) {
      const owner = [...incidents.values()].find((incident) => incident.retrospective.actionItems.some((item) => item.id === actionId && item.status === 'open'));
      if (!owner) continue;
      // Writes its own timeline event ("Action item done by 9e8d7c6b: …").
      incidents.set(owner.id, setActionItemStatus(owner, actionId, 'done', ctx, commit.sha));
      outcome.closedActions.push({ incidentId: owner.id, actionId, sha: commit.sha });
    }
  }
  outcome.unknownIncidents = [...unknown];
  const changed = outcome.linked.length > 0 || outcome.closedActions.length > 0;
  return { ...outcome, document: changed ? { ...document, incidents: document.incidents.map((incident) => incidents.get(incident.id) as Incident) } : document };
}
