import * as assert from 'node:assert/strict';
import { describeSchemaIssue, pathInWords } from '../../../../src/core/record/schemaWords';

describe('schema paths in words (src/core/record/schemaWords.ts)', () => {
  it('names list entries by their item and 1-based number, tasks among them', () => {
    assert.equal(pathInWords(['tasks', 0, 'text']), "task 1's text");
    assert.equal(pathInWords(['incidents', 2, 'tasks', 1, 'text']), "incident 3's task 2's text");
    assert.equal(pathInWords(['retrospective', 'actionItems', 1, 'due']), "action item 2's due date");
    assert.equal(pathInWords(['title']), 'the title');
  });

  it('never says "s\'s 0\'s": a list it has no word for is still counted from 1, in the singular', () => {
    assert.equal(pathInWords(['escalations', 0, 'reachedAt']), "escalation 1's reached at");
    assert.equal(pathInWords(['labels', 4]), 'label 5');
    assert.equal(pathInWords([3, 'name']), "entry 4's name");
    assert.equal(
      describeSchemaIssue({ code: 'too_big', origin: 'string', maximum: 100_000, path: ['tasks', 0, 'text'], message: 'Too big' }),
      "task 1's text must be at most 100000 characters",
    );
  });
});
