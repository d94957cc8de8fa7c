import * as assert from 'node:assert/strict';
import { matchPerson, peopleNamedIn, personChoices, personParts } from '../../../../src/core/record/people';
import { realisticStore } from '../realisticIncident';

const SAM = 'Sam Lee <sam@example.com>';
const DANA = 'Dana Ortiz <dana@example.com>';
const KNOWN = [SAM, DANA, 'ops-bot'];

describe('one person, one name (matchPerson)', () => {
  it('a bare first name matching one known person is that person, whatever its case', () => {
    assert.deepEqual(matchPerson('Sam', KNOWN), { kind: 'known', person: SAM, exact: false });
    assert.deepEqual(matchPerson('sam', KNOWN), { kind: 'known', person: SAM, exact: false });
    assert.deepEqual(matchPerson('  SAM  LEE ', KNOWN), { kind: 'known', person: SAM, exact: false });
    assert.deepEqual(matchPerson('Lee', KNOWN), { kind: 'known', person: SAM, exact: false });
  });

  it('an email, bare or in "Name <email>", is the person with that email', () => {
    assert.deepEqual(matchPerson('SAM@example.com', KNOWN), { kind: 'known', person: SAM, exact: false });
    assert.deepEqual(matchPerson('Samuel <sam@example.com>', KNOWN), { kind: 'known', person: SAM, exact: false });
    assert.deepEqual(matchPerson('sam', ['Samuel Lee <sam@example.com>']), { kind: 'known', person: 'Samuel Lee <sam@example.com>', exact: false });
  });

  it('the known text typed exactly is that person, and says so', () => {
    assert.deepEqual(matchPerson(SAM, KNOWN), { kind: 'known', person: SAM, exact: true });
    assert.deepEqual(matchPerson('OPS-BOT', KNOWN), { kind: 'known', person: 'ops-bot', exact: false });
  });

  it('is a new person when nothing matches, or when the email is nobody’s', () => {
    assert.deepEqual(matchPerson('Priya', KNOWN), { kind: 'new', person: 'Priya' });
    assert.deepEqual(matchPerson('Sam Lee <sam.lee@other.org>', KNOWN), { kind: 'new', person: 'Sam Lee <sam.lee@other.org>' });
    // Part of a word is not a match: "Sa" is not Sam, "Dan" is not Dana.
    assert.deepEqual(matchPerson('Dan', KNOWN), { kind: 'new', person: 'Dan' });
  });

  it('never guesses between several people', () => {
    const twoSams = [SAM, 'Sam Park <spark@example.com>'];
    assert.deepEqual(matchPerson('Sam', twoSams), { kind: 'ambiguous', typed: 'Sam', candidates: twoSams });
    // A whole name beats a word of another's name.
    assert.deepEqual(matchPerson('Sam', ['Sam', ...twoSams]), { kind: 'known', person: 'Sam', exact: true });
    assert.deepEqual(matchPerson('sam park', twoSams), { kind: 'known', person: 'Sam Park <spark@example.com>', exact: false });
  });

  it('nothing typed is nobody', () => {
    assert.deepEqual(matchPerson('   ', KNOWN), { kind: 'empty' });
  });

  it('reads "Name <email>", a bare email and a handle', () => {
    assert.deepEqual(personParts(SAM), { name: 'Sam Lee', email: 'sam@example.com' });
    assert.deepEqual(personParts('sam@example.com'), { name: '', email: 'sam@example.com' });
    assert.deepEqual(personParts('ops-bot'), { name: 'ops-bot' });
  });

  it('finds everyone a record names: declarer, role holders, responders, task and action owners, timeline authors', () => {
    const incident = realisticStore().incidents[0];
    const named = peopleNamedIn([incident]);
    assert.ok(named.includes(incident.declaredBy));
    for (const person of incident.roles.responders) assert.ok(named.includes(person), person);
    if (incident.roles.commander) assert.ok(named.includes(incident.roles.commander));
    for (const event of incident.timeline) assert.ok(named.includes(event.author));
    assert.equal(new Set(named).size, named.length);
  });
});

describe('the person picker rows (personChoices)', () => {
  const rows = (typed: string, known = KNOWN) => personChoices(typed, known).map(({ person, isNew }) => (isNew ? `new:${person}` : person));

  it('puts the known person "Sam" names first and "new person" last, so Enter picks Sam Lee', () => {
    assert.deepEqual(rows('Sam'), [SAM, DANA, 'ops-bot', 'new:Sam']);
  });

  it('offers a new person first only when nothing matches', () => {
    assert.deepEqual(rows('Priya'), ['new:Priya', SAM, DANA, 'ops-bot']);
  });

  it('does not offer as new what is typed exactly as a known person', () => {
    assert.deepEqual(rows('dana ortiz <DANA@example.com>'), [DANA, SAM, 'ops-bot']);
  });

  it('lists every candidate first when several match, and the known people in their order when nothing is typed', () => {
    const twoSams = [DANA, SAM, 'Sam Park <spark@example.com>'];
    assert.deepEqual(rows('sam', twoSams), [SAM, 'Sam Park <spark@example.com>', DANA, 'new:sam']);
    assert.deepEqual(rows('', KNOWN), KNOWN);
  });
});
