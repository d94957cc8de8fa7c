/** Deploys live in a top-level list (one deploy can concern several incidents) and show in each incident's timeline. */
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
}

export function recordDeploy(document: StoreDocument, input: DeployInput, ctx: ChangeContext): { document: StoreDocument; deploy: Deploy } {
  for (const id of input.incidentIds) if (!document.incidents.some((i) => i.id === id)) throw new DomainError(`no incident ${id}`, 'unknown-incident');
  const deploy: Deploy = {
    id: recordId(ctx),
    environment: input.environment,
    ref: input.ref,
    ...(input.sha ? { sha: input.sha } : {}),
    at: stamp(ctx),
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
            text: `Deploy of ${input.ref}${input.sha ? ` (${input.sha.slice(0, 8)})` : ''} to ${input.environment}: ${input.status}`,
            data: { deployId: deploy.id },
          },
          ctx,
        )
      : incident,
  );
  return { document: { ...document, incidents, deploys: [...document.deploys, deploy] }, deploy };
}
