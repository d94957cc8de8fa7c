/**
 * The sync merge's promise, checked with random histories (fast-check): 3–5
 * replicas of one store make random edits through the domain functions and
 * the store's stamping, and join each other in random orders and groupings.
 * After a last exchange every replica holds the same bytes, and those bytes
 * are what applying every edit once, in time order, to one store gives.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  addActionItem,
  assignRole,
  changeCategory,
  changeSeverity,
  linkCommit,
  postStatusUpdate,
  renameIncident,
  setActionItemStatus,
  setRootCause,
  setSummaryAndImpact,
  setWhys,
} from '../../../../src/core/lifecycle/changes';
import { tickChecklist } from '../../../../src/core/plan/checklist';
import { setHighlight } from '../../../../src/core/lifecycle/highlights';
import type { ChangeContext } from '../../../../src/core/record/context';
import { declareIncident } from '../../../../src/core/lifecycle/declare';
import { stampStoreChanges, stampStoreEditsSince } from '../../../../src/core/merge/documentStamps';
import { registerKeysOfBoth, registerValue, setRegister } from '../../../../src/core/merge/fieldStamps';
import { handOverCommand } from '../../../../src/core/communication/handoff';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import { joinStores, mergeStores } from '../../../../src/core/merge/merge';
import { CATEGORIES, CHECKLIST_ITEM_IDS, ROLE_NAMES, SEVERITIES, STATUSES, STORE_SCHEMA_VERSION, type Incident, type StoreDocument } from '../../../../src/core/record/schema';
import { addTimelineEvent } from '../../../../src/core/lifecycle/timeline';
import { changeType, setTypeField } from '../../../../src/core/lifecycle/typeFields';
import { planSchema } from '../../../../src/core/plan/plan';
import { canonicalDocument, formatStore } from '../../../../src/store/stableFormat';
import { crockfordCode, T0 } from '../builders';

const PEOPLE = ['Ana <ana@example.com>', 'Bo <bo@example.com>', 'Cy <cy@example.com>'];
const SHAS = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)];
const incidentId = (n: number) => `INC-${crockfordCode(n)}`;

/** Two incident types sharing a field id, so a re-typed incident keeps a value another type also reads. */
const TYPES_PLAN = planSchema.parse({
  version: 1,
  types: [
    {
      id: 'data-loss',
      title: 'Data loss',
      definition: 'Data gone.',
      category: 'security',
      fields: [
        { id: 'count', title: 'Count', kind: 'number' },
        { id: 'region', title: 'Region', kind: 'choice', choices: ['eu', 'us', 'ap'] },
      ],
    },
    {
      id: 'vendor',
      title: 'Vendor down',
      definition: 'A provider is down.',
      category: 'performance',
      fields: [
        { id: 'region', title: 'Region', kind: 'choice', choices: ['eu', 'us', 'ap'] },
        { id: 'ticket', title: 'Ticket', kind: 'url' },
      ],
    },
  ],
});
const FIELD_VALUES: Record<string, (n: number) => string> = {
  count: (n) => String(n * 7),
  region: (n) => ['eu', 'us', 'ap'][n % 3],
  ticket: (n) => `https://vendor.example.com/t/${n}`,
};

/** A field of the incident's type set (or, one time in five, cleared); nothing when it has no type or the type lacks the field. */
function editField(incident: Incident, ctx: ChangeContext, n: number): Incident {
  const id = Object.keys(FIELD_VALUES)[n % 3];
  try {
    const value = n % 5 === 0 ? undefined : FIELD_VALUES[id](n);
    const changed = setTypeField(incident, TYPES_PLAN, id, value, ctx);
    if (changed !== incident) fieldLog.push({ incident: incident.id, field: id, value: changed.fields?.[id] });
    return changed;
  } catch {
    return incident;
  }
}
/** Every field edit that changed something, in the order made (times strictly increase): the oracle for "the later edit wins, per field". */
const fieldLog: Array<{ incident: string; field: string; value: unknown }> = [];

type Edit = (incident: Incident, ctx: ChangeContext, arg: number) => Incident;
/** Everyday edits, through the same domain functions the extension and the CLI call. */
const EDITS: Edit[] = [
  (i, c, n) => changeSeverity(i, SEVERITIES[n % 4], c),
  // Refused for an incident with a type (its type decides the category); changeType below moves both.
  (i, c, n) => (i.type ? i : changeCategory(i, CATEGORIES[n % 3], c)),
  (i, c, n) => renameIncident(i, `Title ${n % 5}`, c),
  (i, c, n) => assignRole(i, ROLE_NAMES[n % ROLE_NAMES.length], PEOPLE[n % 3], c),
  (i, c, n) => {
    try {
      return changeStatus(i, STATUSES[n % STATUSES.length], c);
    } catch {
      return i;
    }
  },
  (i, c, n) => addTimelineEvent(i, { kind: 'note', text: `note ${n}` }, c),
  (i, c, n) => postStatusUpdate(i, { audience: 'customers', text: `update ${n}` }, c),
  (i, c, n) => addActionItem(i, { title: `item ${n}` }, c),
  (i, c, n) => {
    const items = i.retrospective.actionItems;
    return items.length ? setActionItemStatus(i, items[n % items.length].id, (['open', 'done', 'wontfix'] as const)[n % 3], c) : i;
  },
  (i, c, n) => setSummaryAndImpact(i, n % 4 === 0 ? { summary: '' } : { summary: `summary ${n}`, impact: `impact ${n % 3}` }, c),
  (i, c, n) => setRootCause(i, n % 3 === 0 ? '' : `cause ${n}`, c),
  (i, c, n) => setWhys(i, [`why ${n}`], c),
  (i, c, n) => linkCommit(i, { sha: SHAS[n % 3], subject: `fix ${n % 3}`, author: PEOPLE[0], committedAt: T0.toISOString() }, (['cause', 'fix'] as const)[n % 2], c),
  (i, c, n) => tickChecklist(i, CHECKLIST_ITEM_IDS[n % 3], n % 2 === 0, c),
  // Star or unstar an event (a retrospective on two machines): per event the later one must win everywhere.
  (i, c, n) => setHighlight(i, i.timeline[n % i.timeline.length].id, n % 3 !== 0, c),
  (i, c, n) => (i.roles.commander === PEOPLE[n % 3] ? i : handOverCommand(i, { to: PEOPLE[n % 3], brief: `brief ${n}`, ...c })),
  // The type and its fields (issue 31): each field its own register, so concurrent edits of two fields both stay, of one field the later wins.
  (i, c, n) => changeType(i, TYPES_PLAN, ['data-loss', 'vendor'][n % 2], c),
  editField,
  editField,
];
/** Where the type and field edits start in EDITS. */
const TYPE_EDITS = EDITS.length - 3;

/** One store write: the change, the store's stamping, the store's format. */
const write = (document: StoreDocument, change: (d: StoreDocument) => StoreDocument, at: Date) => canonicalDocument(stampStoreChanges(document, change(document), at));
const join = (a: StoreDocument, b: StoreDocument) => canonicalDocument(joinStores(a, b));

/** What one write changed in one incident, as plain values: how the oracle replays it on its own store. */
interface Delta {
  incident: Incident;
  created: boolean;
  registers: Array<[string, unknown]>;
}

function deltaOf(before: Incident | undefined, after: Incident): Delta {
  if (!before) return { incident: after, created: true, registers: [] };
  const registers = registerKeysOfBoth(before, after)
    .filter((key) => JSON.stringify(registerValue(before, key)) !== JSON.stringify(registerValue(after, key)))
    .map((key): [string, unknown] => [key, registerValue(after, key)]);
  return { incident: after, created: false, registers };
}

/** Applies a delta to the oracle's incident: registers set, elements added (or replaced by the newer), the first acknowledgement kept. */
function replay(target: Incident | undefined, delta: Delta): Incident {
  if (delta.created || !target) return delta.incident;
  const next = structuredClone(target);
  const source = delta.incident;
  for (const [key, value] of delta.registers) setRegister(next, key, value);
  if (delta.registers.length) next.changedAt = { ...(next.changedAt ?? {}), ...Object.fromEntries(delta.registers.map(([key]) => [key, source.changedAt?.[key] as string])) };
  if (source.acknowledgedAt && (!next.acknowledgedAt || source.acknowledgedAt < next.acknowledgedAt)) next.acknowledgedAt = source.acknowledgedAt;
  const upsert = <T extends { id: string }>(list: T[], from: T[], newer: (a: T, b: T) => boolean) => {
    for (const item of from) {
      const index = list.findIndex((x) => x.id === item.id);
      if (index < 0) list.push(item);
      else if (newer(item, list[index])) list[index] = item;
    }
  };
  upsert(next.timeline, source.timeline, () => false);
  upsert(next.updates, source.updates, () => false);
  upsert(next.retrospective.actionItems, source.retrospective.actionItems, (a, b) => a.updatedAt > b.updatedAt);
  for (const commit of source.commits) if (!next.commits.some((c) => c.sha === commit.sha && c.relation === commit.relation)) next.commits.push(commit);
  next.roles.responders = [...new Set([...next.roles.responders, ...source.roles.responders])];
  for (const item of CHECKLIST_ITEM_IDS) {
    const tick = source.checklist[item];
    if (tick && (!next.checklist[item] || tick.at > next.checklist[item].at)) next.checklist[item] = tick;
  }
  for (const [eventId, star] of Object.entries(source.highlights ?? {})) {
    const held = next.highlights?.[eventId];
    if (!held || star.at > held.at) next.highlights = { ...next.highlights, [eventId]: star };
  }
  if (source.updatedAt > next.updatedAt) next.updatedAt = source.updatedAt;
  return next;
}

type Command = { kind: 'edit'; replica: number; incident: number; edit: number; arg: number } | { kind: 'sync'; replicas: number[] };

const commandOf = (edits: number, incidents: number): fc.Arbitrary<Command> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), replica: fc.nat(4), incident: fc.nat(incidents), edit: fc.nat(edits), arg: fc.nat(20) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('sync' as const), replicas: fc.uniqueArray(fc.nat(4), { minLength: 2, maxLength: 5 }) }) },
  );
const command = commandOf(EDITS.length - 1, 3);
/** Type and field edits only, on the first incident: concurrent edits of one field, and of two fields, are common. */
const fieldCommand = commandOf(2, 0).map((next) => (next.kind === 'edit' ? { ...next, edit: TYPE_EDITS + next.edit } : next));
/** Edits crowded onto the first incident's single values, so concurrent edits of one field at one instant are common. */
const crowded = fc.oneof(command, commandOf(4, 0), fieldCommand);

function initialStore(): StoreDocument {
  const ctx = { at: T0, author: PEOPLE[0], newId: () => 'declared-0' };
  return canonicalDocument({
    version: STORE_SCHEMA_VERSION,
    incidents: [declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV2' }, ctx, incidentId(0))],
    deploys: [],
  });
}

interface Run {
  replicas: StoreDocument[];
  oracle: StoreDocument;
  /** Every state any replica held, for the "an old copy changes nothing" check. */
  history: StoreDocument[];
}

/** `tick` > 1 puts several edits (on different replicas) at the same instant, so merges must break ties. */
function simulate(replicaCount: number, commands: Command[], finalOrder: number[], tick = 1, start = initialStore(), t0 = T0): Run {
  let replicas = Array.from({ length: replicaCount }, () => start);
  let oracle = start;
  const history: StoreDocument[] = [start];
  let step = 0;
  for (const next of commands) {
    step++;
    if (next.kind === 'sync') {
      const group = [...new Set(next.replicas.map((r) => r % replicaCount))];
      const joined = group.reduce((acc, r) => join(acc, replicas[r]), replicas[group[0]]);
      replicas = replicas.map((state, r) => (group.includes(r) ? joined : state));
      history.push(joined);
      continue;
    }
    const r = next.replica % replicaCount;
    const at = new Date(t0.getTime() + Math.floor(step / tick) * 1000);
    let counter = 0;
    const ctx: ChangeContext = { at, author: PEOPLE[r % 3], newId: () => `r${r}s${step}n${counter++}` };
    const document = replicas[r];
    // The fourth "incident" of a command declares a new one on this replica.
    const declaring = next.incident === 3;
    const id = declaring ? incidentId(step) : document.incidents[next.incident % document.incidents.length].id;
    const after = write(
      document,
      (d) =>
        declaring
          ? // Every other one is a drill: its flag, set once at declaration, must survive every join.
            { ...d, incidents: [...d.incidents, declareIncident({ title: `Declared at ${step}`, category: 'performance', severity: 'SEV3', drill: step % 2 === 1 }, ctx, id)] }
          : { ...d, incidents: d.incidents.map((i) => (i.id === id ? EDITS[next.edit % EDITS.length](i, ctx, next.arg) : i)) },
      at,
    );
    const [before, changed] = [document.incidents.find((i) => i.id === id), after.incidents.find((i) => i.id === id) as Incident];
    if (before !== changed) {
      const delta = deltaOf(before, changed);
      const existing = oracle.incidents.find((i) => i.id === id);
      oracle = canonicalDocument({ ...oracle, incidents: [...oracle.incidents.filter((i) => i.id !== id), replay(existing, delta)] });
    }
    replicas[r] = after;
    history.push(after);
  }
  const everything = finalOrder.map((r) => r % replicaCount).reduce((acc, r) => join(acc, replicas[r]), replicas[0]);
  const all = replicas.reduce(join, everything);
  return { replicas: replicas.map((state) => join(state, all)), oracle, history };
}

const RUNS = { numRuns: 150 };

/**
 * A store's life under an earlier release, which knew no change stamps: each
 * edit applied and written as it was, with no `changedAt` anywhere, one
 * second apart. Every state it went through, oldest first.
 */
function earlierReleaseHistory(edits: Array<{ edit: number; arg: number }>): StoreDocument[] {
  const states = [initialStore()];
  edits.forEach(({ edit, arg }, step) => {
    const at = new Date(T0.getTime() + (step + 1) * 1000);
    let counter = 0;
    const ctx: ChangeContext = { at, author: PEOPLE[step % 3], newId: () => `old${step}n${counter++}` };
    const document = states[states.length - 1];
    const incidents = document.incidents.map((i) => EDITS[edit % EDITS.length](i, ctx, arg));
    assert.ok(incidents.every((i) => i.changedAt === undefined));
    states.push(canonicalDocument({ ...document, incidents }));
  });
  return states;
}
const withoutStamps = (document: StoreDocument): StoreDocument =>
  canonicalDocument({ ...document, incidents: document.incidents.map(({ changedAt: _, ...incident }) => incident as Incident) });
const oldEdit = fc.record({ edit: fc.nat(EDITS.length - 1), arg: fc.nat(20) });

describe('the sync merge (a join of stores)', () => {
  it('random edits on 3–5 replicas, synced in random orders and groupings, converge to the same bytes: every edit applied once, in time order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 5 }), fc.array(command, { minLength: 1, maxLength: 50 }), fc.array(fc.nat(4), { maxLength: 6 }), (count, commands, finalOrder) => {
        const { replicas, oracle } = simulate(count, commands, finalOrder);
        const texts = replicas.map(formatStore);
        for (const text of texts) assert.equal(text, texts[0]);
        assert.equal(texts[0], formatStore(oracle));
      }),
      RUNS,
    );
  });

  it("concurrent edits of an incident's type and fields on 3–5 replicas converge to the same bytes: each field the value edited last, none lost", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 5 }),
        fc.array(fc.oneof(fieldCommand, fieldCommand, command), { minLength: 20, maxLength: 60 }),
        fc.array(fc.nat(4), { maxLength: 6 }),
        (count, commands, finalOrder) => {
          fieldLog.length = 0;
          const { replicas, oracle } = simulate(count, commands, finalOrder);
          const texts = replicas.map(formatStore);
          for (const text of texts) assert.equal(text, texts[0]);
          assert.equal(texts[0], formatStore(oracle));
          // Independently of the oracle's replay: per incident and field, the last edit made anywhere is the value everywhere.
          const expected = new Map(fieldLog.map((edit) => [`${edit.incident}/${edit.field}`, edit.value]));
          for (const [key, value] of expected) {
            const [incident, field] = key.split('/');
            assert.deepEqual(replicas[0].incidents.find((i) => i.id === incident)?.fields?.[field], value, key);
          }
        },
      ),
      RUNS,
    );
  });

  it('replicas converge to the same bytes also when edits on several replicas share an instant (ties broken the same way everywhere)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 5 }),
        fc.array(crowded, { minLength: 1, maxLength: 50 }),
        fc.array(fc.nat(4), { maxLength: 6 }),
        fc.integer({ min: 2, max: 6 }),
        (count, commands, finalOrder, tick) => {
          const texts = simulate(count, commands, finalOrder, tick).replicas.map(formatStore);
          for (const text of texts) assert.equal(text, texts[0]);
        },
      ),
      RUNS,
    );
  });

  it('is commutative, associative and idempotent on states replicas really reach, also when edits on two replicas share an instant', () => {
    fc.assert(
      fc.property(fc.array(crowded, { minLength: 5, maxLength: 40 }), fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 6 }), (commands, i, j, k, tick) => {
        const { history } = simulate(4, commands, [], tick);
        const [a, b, c] = [history[i % history.length], history[j % history.length], history[k % history.length]];
        assert.equal(formatStore(join(a, b)), formatStore(join(b, a)), 'commutative');
        assert.equal(formatStore(join(join(a, b), c)), formatStore(join(a, join(b, c))), 'associative');
        assert.equal(formatStore(join(a, a)), formatStore(a), 'idempotent');
      }),
      RUNS,
    );
  });

  it('an older copy of the store (a checkout, a stale replica) merged in changes nothing, whatever the base', () => {
    fc.assert(
      fc.property(fc.array(crowded, { minLength: 5, maxLength: 40 }), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 6 }), (commands, old, base, tick) => {
        const { replicas, history } = simulate(3, commands, [], tick);
        const newest = replicas[0];
        const older = history[old % history.length];
        assert.equal(formatStore(join(newest, older)), formatStore(newest));
        // The branch-merge form with any earlier state as the base: still nothing goes back. (Not with edits
        // sharing an instant: a tie broken by value looks like a hand edit against such a base, and gets a newer stamp.)
        if (tick === 1) assert.equal(formatStore(mergeStores(history[base % history.length], newest, older)), formatStore(newest));
      }),
      RUNS,
    );
  });

  it('a store from an earlier release (no stamps), upgraded and edited on 3 replicas: any older copy, joined as is or with its differences taken for hand edits (a sync of a checkout), changes nothing', () => {
    fc.assert(
      fc.property(fc.array(oldEdit, { minLength: 1, maxLength: 20 }), fc.array(command, { maxLength: 30 }), fc.nat(), (oldEdits, commands, pick) => {
        const old = earlierReleaseHistory(oldEdits);
        const upgraded = new Date(T0.getTime() + (old.length + 1) * 1000);
        const { replicas, history } = simulate(3, commands, [], 1, old[old.length - 1], upgraded);
        const newest = replicas[0];
        const states = [...old, ...history];
        const older = states[pick % states.length];
        assert.equal(formatStore(join(newest, older)), formatStore(newest), 'joined as is');
        assert.equal(formatStore(join(older, newest)), formatStore(newest), 'joined the other way round');
        // What sync does with a checkout of `older` in the work tree, `newest` being the copy it saw last and the remote's.
        assert.equal(formatStore(join(stampStoreEditsSince(newest, older), newest)), formatStore(newest), 'synced as a checkout');
        // And the branch merge (merge driver, repair) of the newest with the older put back on a branch: its base is
        // where that branch left, at or after the older state. The same values (the merge stamps what each side
        // changed since the base, so the stamps may differ).
        const olderAt = pick % states.length;
        const base = states[olderAt + ((pick >> 8) % (states.length - olderAt))];
        assert.equal(formatStore(withoutStamps(mergeStores(base, newest, older))), formatStore(withoutStamps(newest)), 'merged on a base');
      }),
      RUNS,
    );
  });

  it('joins stores from an earlier release (no stamps) commutatively, associatively and idempotently, the record changed later winning each unstamped value', () => {
    fc.assert(
      fc.property(fc.array(oldEdit, { minLength: 1, maxLength: 20 }), fc.nat(), fc.nat(), fc.nat(), (oldEdits, i, j, k) => {
        const states = earlierReleaseHistory(oldEdits);
        const [a, b, c] = [states[i % states.length], states[j % states.length], states[k % states.length]];
        assert.equal(formatStore(join(a, b)), formatStore(join(b, a)), 'commutative');
        assert.equal(formatStore(join(join(a, b), c)), formatStore(join(a, join(b, c))), 'associative');
        assert.equal(formatStore(join(a, a)), formatStore(a), 'idempotent');
        const latest = [a, b, c].reduce((x, y) => (y.incidents[0].updatedAt > x.incidents[0].updatedAt ? y : x));
        assert.equal(formatStore(join(join(a, b), c)), formatStore(join(latest, latest)), 'the latest state wins');
      }),
      RUNS,
    );
  });
});
