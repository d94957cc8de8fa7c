/**
 * A small, realistic store for demos and the integration/e2e workspaces.
 * Built as plain records and checked against the schema, so a schema change
 * that breaks the demo fails loudly here.
 */
import { incidentSchema, storeDocumentSchema, STORE_SCHEMA_VERSION, type Incident, type StoreDocument } from '../../src/core/schema';

const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

function incident(now: Date, fields: Pick<Incident, 'id' | 'title' | 'category' | 'severity' | 'status'> & { minutesAgo: number; commander?: string }): Incident {
  const declaredAt = minutesAgo(now, fields.minutesAgo);
  return incidentSchema.parse({
    id: fields.id,
    title: fields.title,
    category: fields.category,
    severity: fields.severity,
    status: fields.status,
    declaredAt,
    declaredBy: 'Dana Ortiz <dana@example.com>',
    updatedAt: declaredAt,
    roles: { commander: fields.commander, responders: [] },
    timeline: [{ id: `ev${fields.id.slice(4).toLowerCase()}`, at: declaredAt, author: 'Dana Ortiz <dana@example.com>', kind: 'declared', text: `Declared ${fields.severity}: ${fields.title}` }],
  });
}

export function demoStore(now = new Date()): StoreDocument {
  return storeDocumentSchema.parse({
    version: STORE_SCHEMA_VERSION,
    incidents: [
      incident(now, { id: 'INC-1A2B3C4D', title: 'Checkout returns 500 for EU customers', category: 'regression', severity: 'SEV1', status: 'triaged', minutesAgo: 9, commander: 'Dana Ortiz <dana@example.com>' }),
      incident(now, { id: 'INC-1A2B3C5E', title: 'Search latency p99 above 2 s', category: 'performance', severity: 'SEV2', status: 'detected', minutesAgo: 47 }),
      incident(now, { id: 'INC-1A2B3C6F', title: 'Session tokens logged in plain text', category: 'security', severity: 'SEV2', status: 'mitigated', minutesAgo: 300, commander: 'Sam Lee <sam@example.com>' }),
      incident(now, { id: 'INC-1A2A0000', title: 'Nightly export job failed', category: 'regression', severity: 'SEV4', status: 'closed', minutesAgo: 6000 }),
    ],
    deploys: [],
  });
}
