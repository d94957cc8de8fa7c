/**
 * Escalation's share of a delivery pass against the physical limit: every
 * pass of the delivery loop (VS Code's background run, `incident deliver`)
 * reads the store and, with rotations in the plan, asks of every incident
 * whether a page is due (passReminders: the overdue reminders and the
 * escalations, src/core/delivery/escalations.ts). Measured on a team's year
 * of incidents (1,000, mostly closed) plus 30 active SEV1s nobody
 * acknowledged, routed to a two-layer rotation with a page channel, in a dry
 * run (nothing written), side by side with
 *   (a) reading the store file and JSON.parse alone: what a pass would cost
 *       if it read the file every time (the store's read is remembered while
 *       the file is unchanged, so ours can come in under it),
 *   (b) the same pass with no rotations in the plan (reminders only).
 * First run: 35.7 ms, 3.7× (a): every pass walked a multi-year override's
 * weekly hand-offs one by one; since the hand-offs under an override are
 * skipped (shifts.ts nextChange), 5.5 ms, 0.8×.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePolicy } from '../../src/core/clocks/sla';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { defaultPlan } from '../../src/core/plan/plan';
import { STORE_SCHEMA_VERSION, type Incident } from '../../src/core/record/schema';
import { IncidentStore } from '../../src/store/incidentStore';
import { formatStore } from '../../src/store/stableFormat';
import { passReminders, type ReminderPass } from '../../src/workflows/delivery/reminderPass';
import { generatedHistory } from '../unit/core/merge/generatedHistory';
import { paymentsRotation, SAM, ANA, KIM } from '../unit/core/paymentsRotation';
import { tempRepo } from '../unit/store/tempRepo';
import { timeSideBySide } from './timing';

const RUNS = 40;
const ACTIVE = 30;

async function main(): Promise<void> {
  const root = tempRepo();
  mkdirSync(join(root, '.incidents'));
  const now = new Date();
  const { incidents, deploys } = generatedHistory(1_000, 28);
  const active: Incident[] = Array.from({ length: ACTIVE }, (_, n) =>
    declareIncident(
      { title: `Payments timeouts, shard ${n}`, category: 'regression', severity: 'SEV1' },
      { at: new Date(now.getTime() - (20 + n) * 60_000), author: 'Bench <bench@example.com>' },
      `INC-BENCHA${String(n).padStart(2, '0')}`,
    ),
  );
  const file = join(root, '.incidents', 'incidents.json');
  writeFileSync(file, formatStore({ version: STORE_SCHEMA_VERSION, incidents: [...incidents, ...active], deploys }));
  const store = new IncidentStore(root);
  const base = defaultPlan();
  const channels = [{ name: 'pager', audience: 'responders', reach: 'PagerDuty', delivery: { kind: 'pagerduty' as const } }];
  const withRotations: ReminderPass['plan'] = {
    channels,
    severities: { ...base.severities, SEV1: { ...base.severities.SEV1, rotation: 'payments' } },
    sla: resolvePolicy(undefined),
    oncall: { rotations: [paymentsRotation([SAM, ANA, KIM], ['pager'])] },
  };
  const remindersOnly: ReminderPass['plan'] = { channels, severities: base.severities, sla: resolvePolicy(undefined) };
  const pass = (plan: ReminderPass['plan']) => () => passReminders({ store, plan, writer: { machine: 'bench', person: 'Bench' }, now: () => now, dryRun: true });

  const due = await pass(withRotations)();
  const pages = due.filter((entry) => entry.record.event === 'escalation');
  if (new Set(pages.map((entry) => entry.incident)).size < ACTIVE) throw new Error(`expected escalations due on the ${ACTIVE} active SEV1s, got ${pages.length} pages`);
  for (let warm = 0; warm < 3; warm++) await pass(withRotations)();

  const [ours, read] = await timeSideBySide(RUNS, pass(withRotations), () => JSON.parse(readFileSync(file, 'utf8')));
  const [, reminders] = await timeSideBySide(RUNS, pass(withRotations), pass(remindersOnly));
  const ms = (value: number) => `${value.toFixed(2).padStart(7)} ms`;
  const bytes = readFileSync(file).length;
  console.log(
    `\na delivery pass over ${incidents.length + ACTIVE} incidents (${ACTIVE} active SEV1s unacknowledged, ${(bytes / 1e6).toFixed(2)} MB); medians of ${RUNS}, in turns`,
  );
  console.log(`  ours: read, reminders and escalations due   ${ms(ours)}`);
  console.log(`  (a) read the file and JSON.parse alone      ${ms(read)}`);
  console.log(`  (b) the same pass without rotations         ${ms(reminders)}`);
  console.log(`  ours / a                                    ${(ours / read).toFixed(2).padStart(7)}×`);
  console.log(`  escalation's own share, (ours − b) / a      ${((ours - reminders) / read).toFixed(2).padStart(7)}×`);
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
