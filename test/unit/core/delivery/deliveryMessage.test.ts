import * as assert from 'node:assert/strict';
import { postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { composeMessage, composeTestMessage, deliveryRefusal, type IncidentEvent } from '../../../../src/core/delivery/deliveryMessage';
import { deliveryBody, type ChatDelivery } from '../../../../src/core/delivery/deliveryBody';
import type { Incident } from '../../../../src/core/record/schema';
import { SECRET_MARKERS, secretStore } from '../statusPage/statusPageStores';
import { realisticStore } from '../realisticIncident';
import { anIncident, ctx, minutesAfter } from '../builders';
import { channel, deliveryPlan, OUTSIDE_CHANNELS, TEAM_CHANNELS } from './deliveryStores';

const NOW = minutesAfter(30);
const KINDS: ChatDelivery[] = [{ kind: 'slack' }, { kind: 'teams' }, { kind: 'mattermost' }, { kind: 'discord' }, { kind: 'webhook', url: 'https://hooks.example.net/in' }];
const EVENTS: IncidentEvent[] = ['declared', 'update', 'resolved', 'closed'];
/** Every body of every kind for this message input, as the JSON that would be sent. */
const allBodies = (message: ReturnType<typeof composeMessage>) => KINDS.map((delivery) => JSON.stringify(deliveryBody(delivery, message)));

describe('delivered messages: what each audience reads', () => {
  it('tell the team the id, severity, status, next update, who leads and who must be told, and link to the record', () => {
    let incident = anIncident({ commander: 'Ana Lima <ana@example.com>' });
    incident = postStatusUpdate(incident, { audience: 'stakeholders', text: 'Payments fail for 20% of users.', nextUpdateBy: minutesAfter(45) }, ctx(minutesAfter(10)));
    const declared = composeMessage({ incident, event: 'declared', channel: TEAM_CHANNELS[1], plan: deliveryPlan(), now: NOW });
    assert.equal(declared.headline, 'Incident declared: [SEV1] Checkout returns 500 (INC-1A2B3C4D)');
    assert.deepEqual(declared.facts, [
      { label: 'Incident', value: 'INC-1A2B3C4D' },
      { label: 'Severity', value: 'SEV1' },
      { label: 'Status', value: 'detected' },
      { label: 'Next update by', value: '2026-11-23 10:45 UTC' },
      { label: 'Commander', value: 'Ana Lima <ana@example.com>' },
    ]);
    assert.ok(declared.paragraphs.some((paragraph) => paragraph.includes('To be told (SEV1, per the response plan): SECRET-NOTIFY <vp@example.com>')));
    assert.deepEqual(declared.link, { url: 'https://github.com/acme/shop/blob/main/.incidents/incidents.json#INC-1A2B3C4D', label: 'Open the incident record' });
    const update = composeMessage({ incident, event: 'update', updateId: incident.updates[0].id, channel: TEAM_CHANNELS[1], plan: deliveryPlan(), now: NOW });
    assert.deepEqual(update.paragraphs, ['Payments fail for 20% of users.', 'Posted 2026-11-23 10:10 UTC by Dana Ortiz <dana@example.com>, to stakeholders']);
    assert.equal(update.at, incident.updates[0].at);
  });

  it('close for the team with how long it lasted, the root cause and the fixing commits; no next update once resolved', () => {
    const incident = realisticStore().incidents[0];
    const resolved = composeMessage({ incident, event: 'resolved', channel: TEAM_CHANNELS[0], plan: deliveryPlan(), now: NOW });
    assert.equal(resolved.headline, 'Resolved: [SEV1] Checkout returns 500 for EU cards (INC-1A2B3C4D)');
    assert.equal(resolved.paragraphs[0], 'Resolved 2026-11-23 10:46 UTC after 52m');
    assert.match(resolved.paragraphs.join('\n'), /Root cause: A bitwise OR[^]*Fixed by: 9e8d7c6b Use decimal cents/);
    assert.equal(resolved.incident?.nextUpdateBy, undefined);
  });

  it('give outside readers the public title, their update, the public status word and the status page, never the record link', () => {
    const incident = realisticStore().incidents[0];
    const update = incident.updates.find((candidate) => candidate.audience === 'customers')!;
    const message = composeMessage({ incident, event: 'update', updateId: update.id, channel: OUTSIDE_CHANNELS[0], plan: deliveryPlan(), now: NOW });
    assert.equal(message.audience, 'external');
    assert.equal(message.incident?.title, 'Some EU card payments fail; we are rolling back.');
    assert.equal(message.incident?.statusText, 'Resolved');
    assert.deepEqual(message.paragraphs, ['Some EU card payments fail; we are rolling back.']);
    assert.deepEqual(message.link, { url: 'https://status.acme.example/#INC-1A2B3C4D', label: 'Status page' });
    assert.doesNotMatch(JSON.stringify(allBodies(message)), /github\.com|Checkout returns 500|Dana|Ana Lima|bitwise/);
  });

  it('send outside readers nothing of a store full of secrets: no title, name, email, note, evidence, commit, internal update or root cause, in any format', () => {
    const incident = secretStore().incidents[0];
    const customerUpdate = incident.updates.find((update) => update.audience === 'customers')!;
    const leaks: string[] = [];
    for (const outside of OUTSIDE_CHANNELS) {
      for (const event of EVENTS) {
        const message = composeMessage({ incident, event, updateId: customerUpdate.id, channel: outside, plan: deliveryPlan(), now: NOW });
        const text = allBodies(message).join('\n').toLowerCase();
        leaks.push(...SECRET_MARKERS.filter((marker) => text.includes(marker.toLowerCase())).map((marker) => `${outside.name}/${event}: ${marker}`));
        if (text.includes('secret-notify') || text.includes('vp@example.com')) leaks.push(`${outside.name}/${event}: who must be told`);
      }
    }
    assert.deepEqual(leaks, []);
    // The same store does reach the team: the check above can fail.
    const team = allBodies(composeMessage({ incident, event: 'declared', channel: TEAM_CHANNELS[0], plan: deliveryPlan(), now: NOW })).join('\n');
    for (const marker of ['SECRET-TITLE', 'SECRET-COMMANDER', 'SECRET-IMPACT', 'SECRET-NOTIFY']) assert.ok(team.includes(marker), `the team's message names ${marker}`);
  });

  it('remove the names and emails the record knows from what outside readers get, as the copied messages do', () => {
    let incident = anIncident({ commander: 'Ana Lima <ana@example.com>' });
    incident = postStatusUpdate(incident, { audience: 'customers', text: 'Ana Lima is on it; write to ana@example.com or dana@example.com.' }, ctx(minutesAfter(5)));
    const message = composeMessage({ incident, event: 'update', updateId: incident.updates[0].id, channel: OUTSIDE_CHANNELS[0], plan: deliveryPlan(), now: NOW });
    // The email pattern is messages.ts's, which takes a sentence's last full stop with the address.
    assert.deepEqual(message.paragraphs, ['the team is on it; write to (email removed) or (email removed)']);
  });

  it('refuse what must not go at all: a drill or an overdue reminder to outside readers, an update written for someone else', () => {
    let incident: Incident = { ...anIncident(), drill: true };
    incident = postStatusUpdate(incident, { audience: 'stakeholders', text: 'Internal only.' }, ctx(minutesAfter(5)));
    const updateId = incident.updates[0].id;
    assert.equal(deliveryRefusal({ incident, event: 'declared', channel: OUTSIDE_CHANNELS[2] }), 'a drill is never delivered to readers outside the team');
    const real = { ...incident, drill: false };
    assert.equal(
      deliveryRefusal({ incident: real, event: 'update', updateId, channel: OUTSIDE_CHANNELS[0] }),
      'the update is written for "stakeholders", not for this channel\'s readers',
    );
    assert.match(deliveryRefusal({ incident: real, event: 'overdue', channel: OUTSIDE_CHANNELS[1] }) ?? '', /is for the team/);
    assert.equal(deliveryRefusal({ incident: real, event: 'update', updateId, channel: TEAM_CHANNELS[1] }), undefined);
    assert.throws(() => composeMessage({ incident: real, event: 'update', updateId, channel: OUTSIDE_CHANNELS[0], plan: deliveryPlan(), now: NOW }), /cannot be delivered/);
    const drill = composeMessage({ incident, event: 'declared', channel: TEAM_CHANNELS[0], plan: deliveryPlan(), now: NOW });
    assert.match(drill.headline, /^\[DRILL\] Incident declared/);
  });

  it('remind the team when the next update is overdue, and name who owes it', () => {
    let incident = anIncident({ commander: 'Ana Lima <ana@example.com>' });
    incident = postStatusUpdate(incident, { audience: 'stakeholders', text: 'Looking.', nextUpdateBy: minutesAfter(20) }, ctx(minutesAfter(5)));
    const message = composeMessage({ incident, event: 'overdue', channel: TEAM_CHANNELS[1], plan: deliveryPlan(), now: minutesAfter(32) });
    assert.equal(message.headline, 'Update overdue: [SEV1] Checkout returns 500 (INC-1A2B3C4D)');
    assert.deepEqual(message.paragraphs, [
      'The next update was due by 2026-11-23 10:20 UTC (12 min ago) and none has been posted since.',
      'Ana Lima <ana@example.com>: post an update, with when the next one comes.',
    ]);
    assert.ok(message.facts.some((fact) => fact.label === 'Update was due by'));
  });

  it('write a clearly marked test message that names the channel and no incident', () => {
    const message = composeTestMessage(channel('stakeholders', 'stakeholders'), NOW);
    assert.equal(message.event, 'test');
    assert.equal(message.incident, undefined);
    assert.match(message.headline, /^Test message from Incident Responder for "stakeholders"$/);
    assert.match(message.paragraphs[0], /nothing has happened/);
  });
});
