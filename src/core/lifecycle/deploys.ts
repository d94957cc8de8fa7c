/**
 * Deploys live in a top-level list (one deploy can concern several incidents) and show in each incident's timeline.
 * A deploy has the time it went out (given, else when it is recorded) and the commit its ref resolved to: a ref
 * relative to HEAD ("HEAD", "@", "HEAD~1") is kept as that commit's short sha, since HEAD means another commit tomorrow.
 */
import { recordId, stamp, type ChangeContext } from '../record/context';
import { DomainError } from '../record/errors';
import type { Deploy, StoreDocument } from '../record/schema';
import { addTimelineEvent } from './timeline';

export interface DeployInput {
  environment: string;
  ref: string;
  sha?: string;
  status: Deploy['status'];
  incidentIds: string[];
  /** When it went out, if not now (the suspects are the deploys before the impact began). */
  at?: Date;
}

/** HEAD, @, HEAD~2, HEAD^, @{-1}, HEAD@{1}: names of "whatever is checked out", which mean another commit later. */
const RELATIVE_TO_HEAD = /^(HEAD|head|@)([~^@{].*)?$/;

/** The ref a deploy records for what was typed: the name (a tag, a branch, a sha), or for a ref relative to HEAD the commit's short sha. */
export function deployedRef(typed: string, sha: string): string {
  const ref = typed.trim();
  return RELATIVE_TO_HEAD.test(ref) ? sha.slice(0, 12) : ref;
}

const minuteUtc = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function recordDeploy(document: StoreDocument, input: DeployInput, ctx: ChangeContext): { document: StoreDocument; deploy: Deploy } {
  if (input.at && Number.isNaN(input.at.getTime())) throw new DomainError('the deploy time is not a time', 'bad-deploy-time');
  for (const id of input.incidentIds) if (!document.incidents.some((i) => i.id === id)) throw new DomainError(`no incident ${id}`, 'unknown-incident');
  const deploy: Deploy = {
    id: recordId(ctx),
    environment: input.environment,
    ref: input.ref,
    ...(input.sha ? { sha: input.sha } : {}),
    at: input.at ? input.at.toISOString() : stamp(ctx),
    by: ctx.author,
    status: input.status,
    incidentIds: input.incidentIds,
  };
  const incidents = document.incidents.map((incident) =>
    input.incidentIds.includes(incident.id)
      ? addTimelineEvent(
          { ...incident, deployIds: [...incident.deployIds, deploy.id] },
          {
            kind: 'deploy',
            text: `Deploy of ${input.ref}${input.sha && !input.sha.startsWith(input.ref) ? ` (${input.sha.slice(0, 8)})` : ''} to ${input.environment}${input.at ? ` at ${minuteUtc(deploy.at)}` : ''}: ${input.status}`,
            data: { deployId: deploy.id },
          },
          ctx,
        )
      : incident,
  );
  return { document: { ...document, incidents, deploys: [...document.deploys, deploy] }, deploy };
}
