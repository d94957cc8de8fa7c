/**
 * A small, realistic store for demos and the integration/e2e workspaces.
 * Each incident is played through the domain's own changes (declare, triage,
 * mitigate, post an update…) at times before `now`, so its stamps, timeline
 * and clocks agree with its status, and the store is checked against the
 * schema, so a schema change that breaks the demo fails loudly here.
 *
 * At `now` the demo shows one of each clock: a SEV1 resolving within the
 * hour, a fresh SEV2 awaiting response, and a mitigated SEV2 whose fix is
 * late (the one reminder the demo opens with).
 */
import { addActionItem, postStatusUpdate } from '../../src/core/lifecycle/changes';
import type { ChangeContext } from '../../src/core/record/context';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { changeStatus } from '../../src/core/lifecycle/lifecycle';
import { storeDocumentSchema, STORE_SCHEMA_VERSION, type Category, type Incident, type Severity, type StoreDocument } from '../../src/core/record/schema';

const DANA = 'Dana Ortiz <dana@example.com>';
const SAM = 'Sam Lee <sam@example.com>';

const daysFromNow = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Plays one incident's history: each step runs `minutesAgo` before now, with ids that are the same on every run. */
function played(
  now: Date,
  id: string,
  declared: { title: string; category: Category; severity: Severity; commander?: string; minutesAgo: number },
  steps: { minutesAgo: number; change: (incident: Incident, ctx: ChangeContext) => Incident }[] = [],
): Incident {
  let n = 0;
  const ctx = (minutesAgo: number, author = DANA): ChangeContext => ({
    at: new Date(now.getTime() - minutesAgo * 60_000),
    author,
    newId: () => `ev${id.slice(4).toLowerCase()}${String(++n).padStart(2, '0')}`,
  });
  const start = declareIncident({ title: declared.title, category: declared.category, severity: declared.severity, commander: declared.commander }, ctx(declared.minutesAgo), id);
  return steps.reduce((incident, step) => step.change(incident, ctx(step.minutesAgo)), start);
}

/** An action item whose id the tests name. */
const actionItem = (now: Date, id: string, item: { title: string; owner: string; dueInDays: number }) => (incident: Incident, ctx: ChangeContext) =>
  addActionItem(incident, { title: item.title, owner: item.owner, due: daysFromNow(now, item.dueInDays) }, { ...ctx, newId: () => id });

const status = (to: Incident['status']) => (incident: Incident, ctx: ChangeContext) => changeStatus(incident, to, ctx);

export function demoStore(now = new Date()): StoreDocument {
  return storeDocumentSchema.parse({
    version: STORE_SCHEMA_VERSION,
    incidents: [
      played(now, 'INC-1A2B3C4D', { title: 'Checkout returns 500 for EU customers', category: 'regression', severity: 'SEV1', commander: DANA, minutesAgo: 9 }, [
        { minutesAgo: 7, change: status('triaged') },
        { minutesAgo: 4, change: (i, ctx) => postStatusUpdate(i, { audience: 'internal', text: 'Investigating 500s on checkout in the EU region' }, ctx) },
      ]),
      played(now, 'INC-1A2B3C5E', { title: 'Search latency p99 above 2 s', category: 'performance', severity: 'SEV2', minutesAgo: 12 }),
      played(now, 'INC-1A2B3C6F', { title: 'Session tokens logged in plain text', category: 'security', severity: 'SEV2', commander: SAM, minutesAgo: 300 }, [
        { minutesAgo: 290, change: status('triaged') },
        { minutesAgo: 200, change: status('mitigated') },
        { minutesAgo: 20, change: (i, ctx) => postStatusUpdate(i, { audience: 'internal', text: 'Logging fixed; rotating the exposed tokens' }, ctx) },
      ]),
      played(now, 'INC-1A2A0000', { title: 'Nightly export job failed', category: 'regression', severity: 'SEV4', commander: SAM, minutesAgo: 6000 }, [
        { minutesAgo: 5990, change: status('triaged') },
        { minutesAgo: 5900, change: status('mitigated') },
        { minutesAgo: 5800, change: status('resolved') },
        { minutesAgo: 5700, change: actionItem(now, 'act-export-retry', { title: 'Retry the export once before paging', owner: SAM, dueInDays: -1 }) },
        { minutesAgo: 5700, change: actionItem(now, 'act-export-alert', { title: 'Alert when the export is 30 minutes late', owner: DANA, dueInDays: 6 }) },
        { minutesAgo: 3000, change: status('closed') },
      ]),
    ],
    deploys: [],
  });
}
