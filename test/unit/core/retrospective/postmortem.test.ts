import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergePostmortem, NOTES_MARKER, renderPostmortem } from '../../../../src/core/retrospective/postmortem';
import { HOSTILE_TITLE, isTerminalSafe } from '../hostileText';
import { realisticStore } from '../realisticIncident';

const GOLDEN = resolve(__dirname, '..', '..', '..', '..', '..', 'test', 'fixtures', 'postmortem', 'INC-1A2B3C4D.md');
const generatedAt = new Date('2026-11-24T09:00:00.000Z');

function rendered(): string {
  const document = realisticStore();
  return renderPostmortem(document.incidents[0], document.deploys, { generatedAt });
}

describe('postmortem export', () => {
  it('matches the golden document for a realistic incident', () => {
    // To update after an intended change: node -e "…renderPostmortem…" > test/fixtures/postmortem/INC-1A2B3C4D.md, then review the diff.
    assert.equal(rendered(), readFileSync(GOLDEN, 'utf8'));
  });

  it('heads the first table with words, not an empty row, and keeps each why labelled "Why n" once filled', () => {
    const { incidents, deploys } = realisticStore();
    const incident = { ...incidents[0], retrospective: { ...incidents[0].retrospective, whys: ['Payments returned 500.', '', 'Bitwise OR truncates to 32 bits.'] } };
    const text = renderPostmortem(incident, deploys, { generatedAt });
    assert.ok(!text.includes('|  |  |'), 'no empty header row');
    assert.match(text, /\| Fact \| Value \|\n\|---\|---\|\n\| Severity \| SEV1 \|/);
    assert.match(text, /## Five whys\n\n- \*\*Why 1:\*\* Payments returned 500\.\n- \*\*Why 2:\*\* _not answered_\n- \*\*Why 3:\*\* Bitwise OR truncates to 32 bits\.\n\n/);
  });

  it('says an alert-opened incident was detected by its earliest alert, the time its clocks run from', () => {
    const { incidents, deploys } = realisticStore();
    const alert = (name: string, startsAt: string) => ({
      id: `alertmanager:${name}`,
      source: 'alertmanager' as const,
      fingerprint: name,
      groupKey: '{}:{alertname="HighErrorRate"}',
      name,
      state: 'firing' as const,
      startsAt,
      labels: {},
      annotations: {},
      links: [],
      notifications: 1,
      changes: 0,
    });
    const incident = { ...incidents[0], alerts: [alert('Later|one', '2026-11-23T10:09:00.000Z'), alert('HighErrorRate', '2026-11-23T10:02:00.000Z')] };
    const text = renderPostmortem(incident, deploys, { generatedAt });
    assert.ok(text.includes('| Detected | 2026-11-23 10:02 UTC by the alert HighErrorRate (alertmanager), and 1 more; the times below run from it |'), text);
    assert.ok(!rendered().includes('| Detected |'), 'an incident declared by hand has no such row');
  });

  it('escapes what would break a table or inject HTML, and retells the timeline in time order', () => {
    const text = rendered();
    assert.ok(text.includes('Use decimal cents \\| fix EU rounding'), 'a pipe in a cell is escaped');
    assert.ok(text.includes('in \\<EUR\\>'), 'no raw HTML from user text');
    const timeline = text.slice(text.indexOf('## Timeline'), text.indexOf('## Five whys'));
    const times = [...timeline.matchAll(/^\| (\d{4}-\d\d-\d\d \d\d:\d\d) \|/gm)].map((m) => m[1]);
    assert.ok(times.length >= 10);
    assert.deepEqual(times, [...times].sort());
  });

  it("keeps the team's notes byte for byte when exported again, and loses nothing from a file without the marker", () => {
    const first = rendered();
    const notes = `${NOTES_MARKER}\n## Notes\n\nFollow-up with the payments vendor on 1 Dec.\n| raw | text | stays |\n`;
    const edited = first.slice(0, first.indexOf(NOTES_MARKER)).replace('Severity', 'Severity (edited above the marker)') + notes;
    const again = mergePostmortem(edited, rendered());
    assert.ok(again.endsWith(notes));
    assert.ok(!again.includes('edited above the marker'), 'the generated part is regenerated');
    assert.equal(mergePostmortem(undefined, first), first);
    const handMade = 'Our own notes from the call.\n';
    const merged = mergePostmortem(handMade, first);
    assert.ok(merged.endsWith(`## Notes\n\n${handMade}`));
  });
});

describe('postmortem export of hostile or Markdown-looking user text', () => {
  function hostile(): string {
    const document = realisticStore();
    const incident = {
      ...document.incidents[0],
      title: `${HOSTILE_TITLE} | *[click](https://evil.example)*`,
      summary: '# Not a heading\nWritten by Sam <sam@example.com> & the team: `rm -rf` _really_ *bad* [link](javascript:alert(1)) <img src=x onerror=alert(1)>\n---\n> not a quote',
      retrospective: { ...document.incidents[0].retrospective, whys: ['snake_case_name stays readable; a|b pipes', '<script>alert(1)</script>'] },
    };
    return renderPostmortem(incident, document.deploys, { generatedAt });
  }

  it('writes no control character, escape sequence or bidi override into the file', () => {
    const text = hostile();
    assert.ok(isTerminalSafe(text));
    assert.ok(text.includes('Pay␛\\[2J'), 'shown, and the bracket escaped');
  });

  it('escapes what Markdown would act on, readably: a person\'s "Sam <sam@example.com>" reads as that text', () => {
    const text = hostile();
    const summary = text.slice(text.indexOf('## Summary'), text.indexOf('| | |'));
    assert.ok(summary.includes('\\# Not a heading'));
    assert.ok(summary.includes('Sam \\<sam@example.com\\> \\& the team'));
    assert.ok(summary.includes('\\`rm -rf\\` \\_really\\_ \\*bad\\* \\[link\\](javascript:alert(1)) \\<img src=x onerror=alert(1)\\>'));
    assert.ok(summary.includes('\n\\---\n\\> not a quote'));
    assert.ok(!text.includes('&lt;'), 'no HTML entities to read in the file');
    assert.ok(text.includes('snake_case_name stays readable; a\\|b pipes'), 'underscores inside a word are left alone');
    assert.ok(text.includes('\\<script\\>alert(1)\\</script\\>'));
    assert.match(text, /^# Postmortem: Pay.* \\\| \\\*\\\[click\\\]\(https:\/\/evil\.example\)\\\* \(INC-1A2B3C4D\)$/m);
  });
});
