/**
 * A small, realistic store for demos and the integration/e2e workspaces.
 * Built as plain records and checked against the schema, so a schema change
 * that breaks the demo fails loudly here.
 */
import { incidentSchema, storeDocumentSchema, STORE_SCHEMA_VERSION, type Incident, type StoreDocument } from '../../src/core/schema';

const minutesAgo = (now: Date, minutes: number) => new Date(now.getTime() - minutes * 60_000).toISOString();

const daysFromNow = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

interface DemoActionItem {
  id: string;
  title: string;
  owner: string;
  dueInDays: number;
}

function incident(now: Date, fields: Pick<Incident, 'id' | 'title' | 'category' | 'severity' | 'status'> & { minutesAgo: number; commander?: string; actionItems?: DemoActionItem[] }): Incident {
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
    retrospective: {
      whys: [],
      actionItems: (fields.actionItems ?? []).map((item) => ({ id: item.id, title: item.title, owner: item.owner, due: daysFromNow(now, item.dueInDays), status: 'open', createdAt: declaredAt, updatedAt: declaredAt })),
    },
  });
}

export function demoStore(now = new Date()): StoreDocument {
  return storeDocumentSchema.parse({
    version: STORE_SCHEMA_VERSION,
    incidents: [
      incident(now, { id: 'INC-1A2B3C4D', title: 'Checkout returns 500 for EU customers', category: 'regression', severity: 'SEV1', status: 'triaged', minutesAgo: 9, commander: 'Dana Ortiz <dana@example.com>' }),
      incident(now, { id: 'INC-1A2B3C5E', title: 'Search latency p99 above 2 s', category: 'performance', severity: 'SEV2', status: 'detected', minutesAgo: 47 }),
      incident(now, { id: 'INC-1A2B3C6F', title: 'Session tokens logged in plain text', category: 'security', severity: 'SEV2', status: 'mitigated', minutesAgo: 300, commander: 'Sam Lee <sam@example.com>' }),
      incident(now, {
        id: 'INC-1A2A0000',
        title: 'Nightly export job failed',
        category: 'regression',
        severity: 'SEV4',
        status: 'closed',
        minutesAgo: 6000,
        actionItems: [
          { id: 'act-export-retry', title: 'Retry the export once before paging', owner: 'Sam Lee <sam@example.com>', dueInDays: -1 },
          { id: 'act-export-alert', title: 'Alert when the export is 30 minutes late', owner: 'Dana Ortiz <dana@example.com>', dueInDays: 6 },
        ],
      }),
    ],
    deploys: [],
  });
}
