import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { assignRole } from '../../../../src/core/lifecycle/changes';
import { stampStoreChanges } from '../../../../src/core/merge/documentStamps';
import { handoffBrief, handOverCommand, isHandOver } from '../../../../src/core/communication/handoff';
import { joinStores } from '../../../../src/core/merge/merge';
import { incidentSchema, type Incident, type StoreDocument } from '../../../../src/core/record/schema';
import { canonicalDocument, formatStore } from '../../../../src/store/stableFormat';
import { ctx, minutesAfter } from '../builders';
import { ANA, DANA, HANDOFF_AT, handoffPlan, handoffStore, SAM } from './handoffIncident';

const GOLDEN = resolve(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'handoff', 'brief.md');
const OLIVER = 'Oliver Chen <oliver@example.com>';

const briefNow = () => handoffBrief(handoffStore().incidents[0], handoffPlan(), { now: HANDOFF_AT, to: OLIVER });
/** One store write as the store does it: the change, then the stamps of the fields it changed. */
const write = (document: StoreDocument, change: (incident: Incident) => Incident, at: Date): StoreDocument =>
  canonicalDocument(stampStoreChanges(document, { ...document, incidents: document.incidents.map(change) }, at));

describe('handoff brief', () => {
  it('matches the golden brief for a reopened incident at the end of a shift', () => {
    // To update after an intended change: print briefNow() into test/fixtures/handoff/brief.md, then review the diff.
    assert.equal(briefNow(), readFileSync(GOLDEN, 'utf8'));
  });

  it('lists the hypotheses still open, the open tasks, the clocks and who holds which role', () => {
    const brief = briefNow();
    const section = (title: string) => brief.slice(brief.indexOf(`## ${title}`), brief.indexOf('\n## ', brief.indexOf(`## ${title}`) + 1));
    assert.match(section('Open hypotheses'), /the v42 fix misses amounts in HUF/);
    assert.ok(!section('Open hypotheses').includes('CDN'), 'a ruled-out hypothesis is not open');
    assert.ok(!section('Open tasks').includes('Freeze deploys'), 'a done task is not open');
    assert.match(section('Open tasks'), /- \[ \] Roll back to the last good release/);
    assert.match(section('Deadlines and clocks'), /Next status update due 2026-11-23 12:20 UTC \(in 20m\)/);
    assert.match(section('Deadlines and clocks'), /SLA resolution: due 2026-11-23 11:00 UTC \(overdue 1h 00m\)/);
    assert.match(section('Deadlines and clocks'), /Regulatory: Notice to the payment provider to Acquirer ops: due 2026-11-24 10:00 UTC \(in 22h 00m\)/);
    assert.match(section('Who holds which role'), new RegExp(`Commander: ${DANA}\\n- Communicator: ${SAM}\\n- Patcher: ${ANA}`));
    assert.match(section('What was tried'), /decision \(Dana Ortiz\): Roll back to v40 instead of a forward fix\./);
  });
});

describe('handing command over', () => {
  const handed = () => {
    const incident = handoffStore().incidents[0];
    return handOverCommand(incident, { to: ` ${OLIVER} `, brief: '# Handoff\n\nWatch HUF.', ...ctx(HANDOFF_AT, DANA) });
  };

  it('makes the new person commander and records one role event with the brief', () => {
    const before = handoffStore().incidents[0];
    const after = handed();
    assert.equal(after.roles.commander, OLIVER);
    assert.equal(after.timeline.length, before.timeline.length + 1);
    const event = after.timeline.at(-1);
    assert.equal(event?.kind, 'role');
    assert.equal(event?.text, `Command handed over from ${DANA} to ${OLIVER}\n\n# Handoff\n\nWatch HUF.`);
    assert.deepEqual(event?.data, { role: 'commander', person: OLIVER, previous: DANA, handoff: true });
    assert.equal(event?.author, DANA);
    assert.equal(event?.at, HANDOFF_AT.toISOString());
    assert.ok(event && isHandOver(event));
    assert.doesNotThrow(() => incidentSchema.parse(after), 'an older build reads the record: no new event kind');
  });

  it('refuses the current commander, an empty person or one with a line break', () => {
    const incident = handoffStore().incidents[0];
    assert.throws(() => handOverCommand(incident, { to: DANA, brief: '', ...ctx(HANDOFF_AT) }), /already the commander/);
    assert.throws(() => handOverCommand(incident, { to: '  ', brief: '', ...ctx(HANDOFF_AT) }), /name the person/);
    assert.throws(() => handOverCommand(incident, { to: 'Eve\nMallory', brief: '', ...ctx(HANDOFF_AT) }), /one line/);
  });

  it('survives a join in either order with a concurrent, earlier commander change: the hand-over wins and its event stays', () => {
    const base = canonicalDocument(handoffStore());
    const ours = write(base, (incident) => handOverCommand(incident, { to: OLIVER, brief: 'Watch HUF.', ...ctx(HANDOFF_AT) }), HANDOFF_AT);
    const theirs = write(base, (incident) => assignRole(incident, 'commander', SAM, ctx(minutesAfter(115))), minutesAfter(115));
    const oneWay = canonicalDocument(joinStores(ours, theirs));
    const otherWay = canonicalDocument(joinStores(theirs, ours));
    assert.equal(formatStore(oneWay), formatStore(otherWay));
    assert.equal(oneWay.incidents[0].roles.commander, OLIVER);
    assert.equal(oneWay.incidents[0].timeline.filter(isHandOver).length, 1);
    assert.equal(formatStore(canonicalDocument(joinStores(oneWay, ours))), formatStore(oneWay), 'joining again changes nothing');
  });
});
