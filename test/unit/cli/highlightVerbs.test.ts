import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreDocument } from '../../../src/core/record/schema';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const storeText = (repo: string) => readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8');
const timelineLines = (shown: string) => shown.split('\n').filter((line) => /^ +\d+\. [ ★] \d{4}-/.test(line));

describe('incident highlight (stars on timeline events)', () => {
  it('show numbers the timeline; highlight N stars that event, show marks it, --off unstars it', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1')).stdout;
    assert.equal((await incident(repo, 'note', id, 'Rolled back to v40', '--kind', 'decision')).code, 0);
    const before = timelineLines((await incident(repo, 'show', id)).stdout);
    assert.equal(before.length, 2);
    assert.match(before[0], /^ {3}1\. {3}\d{4}-\d\d-\d\d \d\d:\d\d UTC {2}declared/);
    assert.match(before[1], /^ {3}2\. {3}\d{4}-.* UTC {2}decision {3}Dana Ortiz <dana@example\.com>: Rolled back to v40$/);

    assert.deepEqual(await incident(repo, 'highlight', id, '2'), { code: 0, stdout: `${id}: starred event 2: Rolled back to v40`, stderr: '' });
    const starred = timelineLines((await incident(repo, 'show', id)).stdout);
    assert.match(starred[1], /^ {3}2\. ★ \d{4}-.* decision .*Rolled back to v40$/);
    assert.match(starred[0], /^ {3}1\. {3}/, 'the other event is not marked');
    const stored = (JSON.parse(storeText(repo)) as StoreDocument).incidents[0];
    const eventId = stored.timeline[1].id;
    assert.deepEqual(Object.keys(stored.highlights ?? {}), [eventId]);
    assert.deepEqual([stored.highlights?.[eventId]?.on, stored.highlights?.[eventId]?.by], [true, 'Dana Ortiz <dana@example.com>']);
    assert.equal(stored.timeline.length, 2, 'a star writes no timeline event');

    assert.deepEqual(await incident(repo, 'highlight', id, eventId, '--off'), { code: 0, stdout: `${id}: unstarred event 2: Rolled back to v40`, stderr: '' });
    assert.doesNotMatch((await incident(repo, 'show', id)).stdout, /★/);
    assert.equal((JSON.parse(storeText(repo)) as StoreDocument).incidents[0].highlights?.[eventId]?.on, false);
  });

  it('refuses an event it cannot find in one line, exit 1, nothing written', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1')).stdout;
    const before = storeText(repo);
    assert.deepEqual(await incident(repo, 'highlight', id, '7'), {
      code: 1,
      stdout: '',
      stderr: `incident: ${id} has no timeline event "7"; "incident show ${id}" numbers its 1`,
    });
    assert.equal((await incident(repo, 'highlight', id, 'no-such-id')).code, 1);
    assert.equal((await incident(repo, 'highlight', id)).stderr, `incident: name the event to star: its number in "incident show ${id}", or its id`);
    assert.equal(storeText(repo), before);
  });

  it('postmortem --highlights-only lists only the starred events', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1')).stdout;
    await incident(repo, 'note', id, 'Rolled back to v40', '--kind', 'decision');
    await incident(repo, 'highlight', id, '2');
    assert.equal((await incident(repo, 'postmortem', id, '--highlights-only')).code, 0);
    const written = readFileSync(join(repo, '.incidents', 'postmortems', `${id}.md`), 'utf8');
    const timeline = written.slice(written.indexOf('## Timeline'), written.indexOf('## Five whys'));
    assert.match(timeline, /### Key moments\n\n.*\n.*\n\| .* \| decision \| Rolled back to v40 \|\n\n$/);
    assert.doesNotMatch(timeline, /declared/);
  });
});
