/** Which messages a write made: read off the incident before and after, whatever the writer. */
import * as assert from 'node:assert/strict';
import { assignRole, postStatusUpdate } from '../../../../src/core/lifecycle/changes';
import { changeStatus } from '../../../../src/core/lifecycle/lifecycle';
import { addTimelineEvent } from '../../../../src/core/lifecycle/timeline';
import { messagesWritten } from '../../../../src/core/delivery/messagesWritten';
import { anIncident, ctx, minutesAfter } from '../builders';

const at = (minutes: number) => ctx(minutesAfter(minutes));
const events = (messages: ReturnType<typeof messagesWritten>) => messages.map((message) => message.event);

describe('messagesWritten: the messages a write made', () => {
  it('a declaration is one message, keyed by its timeline event', () => {
    const declared = anIncident();
    const messages = messagesWritten(undefined, declared);
    assert.deepEqual(events(messages), ['declared']);
    assert.equal(messages[0].messageId, declared.timeline.find((event) => event.kind === 'declared')?.id);
  });

  it('each new status update is a message; the ones there before are not', () => {
    const one = postStatusUpdate(anIncident(), { audience: 'stakeholders', text: 'first' }, at(1));
    const three = postStatusUpdate(postStatusUpdate(one, { audience: 'customers', text: 'second' }, at(2)), { audience: 'internal', text: 'third' }, at(3));
    const messages = messagesWritten(one, three);
    assert.deepEqual(
      messages.map((message) => message.messageId),
      three.updates.slice(1).map((update) => update.id),
    );
    assert.deepEqual(events(messages), ['update', 'update']);
  });

  it('a note, a role or a move to mitigated makes no message', () => {
    const incident = anIncident();
    const withCommander = assignRole(incident, 'commander', 'Sam Lee <sam@example.com>', at(1));
    assert.deepEqual(messagesWritten(incident, addTimelineEvent(incident, { kind: 'note', text: 'looking' }, at(1))), []);
    assert.deepEqual(messagesWritten(incident, withCommander), []);
    const triaged = changeStatus(withCommander, 'triaged', at(2));
    assert.deepEqual(messagesWritten(triaged, changeStatus(triaged, 'mitigated', at(3))), []);
  });

  it('resolving and closing are messages; reopening and resolving again is a new one', () => {
    const triaged = changeStatus(assignRole(anIncident(), 'commander', 'Sam Lee <sam@example.com>', at(1)), 'triaged', at(2));
    const resolved = changeStatus(triaged, 'resolved', at(3));
    const first = messagesWritten(triaged, resolved);
    assert.deepEqual(events(first), ['resolved']);
    assert.equal(first[0].messageId, resolved.timeline.at(-1)?.id);
    const closed = changeStatus(resolved, 'closed', at(4));
    assert.deepEqual(events(messagesWritten(resolved, closed)), ['closed']);
    const reopened = changeStatus(resolved, 'triaged', at(5));
    assert.deepEqual(messagesWritten(resolved, reopened), []);
    const again = messagesWritten(reopened, changeStatus(reopened, 'resolved', at(6)));
    assert.deepEqual(events(again), ['resolved']);
    assert.notEqual(again[0].messageId, first[0].messageId);
  });

  it('a status event that arrived by sync for a move the incident has since left is not delivered now', () => {
    const triaged = changeStatus(assignRole(anIncident(), 'commander', 'Sam Lee <sam@example.com>', at(1)), 'triaged', at(2));
    const reopened = changeStatus(changeStatus(triaged, 'resolved', at(3)), 'triaged', at(4));
    assert.deepEqual(messagesWritten(triaged, reopened), []);
  });
});
