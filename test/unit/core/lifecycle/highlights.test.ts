import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { highlightedEvents, isHighlighted, setHighlight } from '../../../../src/core/lifecycle/highlights';
import { joinIncidents } from '../../../../src/core/merge/merge';
import { renderPostmortem } from '../../../../src/core/retrospective/postmortem';
import type { Incident } from '../../../../src/core/record/schema';
import { addTimelineEvent } from '../../../../src/core/lifecycle/timeline';
import { formatStore } from '../../../../src/store/stableFormat';
import { anIncident, ctx, minutesAfter } from '../builders';
import { realisticStore } from '../realisticIncident';

const ana = 'Ana Lima <ana@example.com>';
const GOLDEN = resolve(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'postmortem', 'INC-1A2B3C4D.md');
const generatedAt = new Date('2026-11-24T09:00:00.000Z');

/** The incident with a decision and a note after its declaration. */
function withEvents(): Incident {
  const decided = addTimelineEvent(anIncident(), { kind: 'decision', text: 'Roll back' }, { ...ctx(minutesAfter(5)), newId: () => 'decision-1' });
  return addTimelineEvent(decided, { kind: 'note', text: 'Error rate back to normal' }, { ...ctx(minutesAfter(9)), newId: () => 'note-1' });
}

describe('timeline highlights (stars on events)', () => {
  it('star an event with who and when, unstar it keeping the entry, and write nothing when nothing changes', () => {
    const incident = withEvents();
    const starred = setHighlight(incident, 'decision-1', true, ctx(minutesAfter(20), ana));
    assert.deepEqual(starred.highlights, { 'decision-1': { on: true, by: ana, at: minutesAfter(20).toISOString() } });
    assert.equal(starred.timeline.length, incident.timeline.length, 'a star is not a timeline event');
    assert.equal(starred.updatedAt, minutesAfter(20).toISOString());
    assert.deepEqual([isHighlighted(starred, 'decision-1'), isHighlighted(starred, 'note-1')], [true, false]);
    assert.deepEqual(
      highlightedEvents(starred).map((event) => event.id),
      ['decision-1'],
    );
    assert.equal(setHighlight(starred, 'decision-1', true, ctx(minutesAfter(21))), starred, 'starring twice writes nothing');
    assert.equal(setHighlight(incident, 'note-1', false, ctx(minutesAfter(21))), incident, 'unstarring an unstarred event writes nothing');
    const unstarred = setHighlight(starred, 'decision-1', false, ctx(minutesAfter(22)));
    assert.deepEqual(unstarred.highlights?.['decision-1'], { on: false, by: 'Dana Ortiz <dana@example.com>', at: minutesAfter(22).toISOString() });
    assert.deepEqual(highlightedEvents(unstarred), []);
  });

  it('refuses an event the incident does not have', () => {
    assert.throws(() => setHighlight(withEvents(), 'no-such-event', true, ctx()), /INC-1A2B3C4D has no timeline event "no-such-event"/);
  });

  it('join replicas per event: the later star or unstar wins on both sides, whatever the order', () => {
    const base = setHighlight(withEvents(), 'decision-1', true, ctx(minutesAfter(10)));
    const unstarredLater = setHighlight(base, 'decision-1', false, ctx(minutesAfter(30)));
    const otherStarred = setHighlight(base, 'note-1', true, ctx(minutesAfter(20), ana));
    for (const joined of [joinIncidents(unstarredLater, otherStarred), joinIncidents(otherStarred, unstarredLater)]) {
      assert.deepEqual(
        highlightedEvents(joined).map((event) => event.id),
        ['note-1'],
      );
      assert.equal(joined.highlights?.['decision-1']?.at, minutesAfter(30).toISOString());
    }
    assert.equal(joinIncidents(otherStarred, otherStarred), otherStarred);
    assert.equal('highlights' in joinIncidents(withEvents(), { ...withEvents(), title: 'Renamed' }), false, 'no stars on either side, no key');
  });

  it('join commutatively, associatively and idempotently, each event keeping the latest star or unstar of any side (random stars on three replicas)', () => {
    const base = withEvents();
    const ids = base.timeline.map((event) => event.id);
    const people = ['Ana <ana@example.com>', 'Bo <bo@example.com>'];
    const star = fc.record({ event: fc.nat(ids.length - 1), on: fc.boolean(), minute: fc.nat(5), person: fc.nat(1) });
    /** A replica's stars, applied in order; two replicas may star at the same minute (ties broken by value). */
    const replica = (stars: Array<{ event: number; on: boolean; minute: number; person: number }>) =>
      stars.reduce((incident, s) => setHighlight(incident, ids[s.event], s.on, ctx(minutesAfter(20 + s.minute), people[s.person])), base);
    const bytes = (incident: Incident) => formatStore({ version: 2, incidents: [incident], deploys: [] });
    fc.assert(
      fc.property(fc.array(star, { maxLength: 6 }), fc.array(star, { maxLength: 6 }), fc.array(star, { maxLength: 6 }), (x, y, z) => {
        const [a, b, c] = [replica(x), replica(y), replica(z)];
        assert.equal(bytes(joinIncidents(a, b)), bytes(joinIncidents(b, a)), 'commutative');
        assert.equal(bytes(joinIncidents(joinIncidents(a, b), c)), bytes(joinIncidents(a, joinIncidents(b, c))), 'associative');
        assert.equal(bytes(joinIncidents(a, a)), bytes(a), 'idempotent');
        const joined = joinIncidents(joinIncidents(a, b), c);
        for (const id of ids) {
          const latest = [a, b, c]
            .map((side) => side.highlights?.[id]?.at)
            .filter(Boolean)
            .sort()
            .at(-1);
          assert.equal(joined.highlights?.[id]?.at, latest, `event ${id} keeps the latest star or unstar`);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("leave an old store's bytes as they were: no highlights key until a star is set", () => {
    const store = realisticStore();
    const text = formatStore(store);
    assert.doesNotMatch(text, /highlights/);
    assert.equal(formatStore(JSON.parse(text)), text);
    const starred = formatStore({ ...store, incidents: [setHighlight(store.incidents[0], store.incidents[0].timeline[8].id, true, ctx(minutesAfter(200)))] });
    assert.match(starred, /"highlights": \{\n {8}"[^"]+": \{\n {10}"on": true,\n {10}"by": "Dana Ortiz <dana@example.com>",/);
  });
});

describe('highlights in the postmortem', () => {
  const store = realisticStore();
  const incident = store.incidents[0];
  const eventOf = (kind: string, text: string) => incident.timeline.find((event) => event.kind === kind && event.text.startsWith(text))!.id;
  const starred = [eventOf('decision', 'Roll back to v40'), eventOf('status', 'Status triaged → mitigated')].reduce(
    (current, id) => setHighlight(current, id, true, ctx(minutesAfter(300), ana)),
    incident,
  );
  const timelineOf = (text: string) => text.slice(text.indexOf('## Timeline'), text.indexOf('## Five whys'));

  it('is the golden document, byte for byte, when nothing is starred; highlights only then says none are', () => {
    assert.equal(renderPostmortem(incident, store.deploys, { generatedAt }), readFileSync(GOLDEN, 'utf8'));
    const unstarred = setHighlight(setHighlight(incident, eventOf('decision', 'Roll'), true, ctx()), eventOf('decision', 'Roll'), false, ctx(minutesAfter(1)));
    assert.equal(renderPostmortem(unstarred, store.deploys, { generatedAt }), readFileSync(GOLDEN, 'utf8'), 'an unstarred event counts as never starred');
    assert.equal(
      timelineOf(renderPostmortem(incident, store.deploys, { generatedAt, highlightsOnly: true })),
      "## Timeline\n\n_No key moments starred yet: star events in the panel's timeline or with `incident highlight`._\n\n",
    );
  });

  it('lists the starred events first under "Key moments", then the others', () => {
    const timeline = timelineOf(renderPostmortem(starred, store.deploys, { generatedAt }));
    const header = '| Time (UTC) | Who | Kind | What happened |\n|---|---|---|---|\n';
    assert.ok(
      timeline.startsWith(
        `## Timeline\n\n### Key moments\n\n${header}| 2026-11-23 10:18 | Dana Ortiz | decision | Roll back to v40 instead of a forward fix. |\n| 2026-11-23 10:30 | Dana Ortiz | status | Status triaged → mitigated |\n\n### Other events\n\n${header}| 2026-11-23 10:00 | Dana Ortiz | declared |`,
      ),
      timeline,
    );
    const others = timeline.slice(timeline.indexOf('### Other events'));
    assert.equal((others.match(/^\| 2026/gm) ?? []).length, incident.timeline.length - 2, 'every other event once');
    assert.doesNotMatch(others, /Roll back to v40 instead/);
  });

  it('lists only the starred events with highlightsOnly', () => {
    const timeline = timelineOf(renderPostmortem(starred, store.deploys, { generatedAt, highlightsOnly: true }));
    assert.equal(
      timeline,
      '## Timeline\n\n### Key moments\n\n| Time (UTC) | Who | Kind | What happened |\n|---|---|---|---|\n| 2026-11-23 10:18 | Dana Ortiz | decision | Roll back to v40 instead of a forward fix. |\n| 2026-11-23 10:30 | Dana Ortiz | status | Status triaged → mitigated |\n\n',
    );
  });
});
