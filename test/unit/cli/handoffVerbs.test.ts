import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoreDocument } from '../../../src/core/record/schema';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const OLIVER = 'Oliver Chen <oliver@example.com>';
const storeText = (repo: string) => readFileSync(join(repo, '.incidents', 'incidents.json'), 'utf8');
const readStore = (repo: string) => JSON.parse(storeText(repo)) as StoreDocument;

/** A repository with one SEV1 incident, a commander and a hypothesis. */
async function repoWithIncident(): Promise<{ repo: string; id: string }> {
  const repo = tempRepo();
  const id = (await incident(repo, 'declare', '--title', 'Checkout down', '--category', 'regression', '--severity', 'SEV1')).stdout;
  assert.equal((await incident(repo, 'assign', id, 'commander', 'Dana Ortiz <dana@example.com>')).code, 0);
  assert.equal((await incident(repo, 'note', id, 'Hypothesis: the v41 rounding change')).code, 0);
  assert.equal((await incident(repo, 'update', id, 'Some card payments fail.', '--audience', 'customers', '--next', '30m')).code, 0);
  return { repo, id };
}

describe('incident handoff and incident brief', () => {
  it('handoff prints the brief, records it on the timeline and makes the person commander', async () => {
    const { repo, id } = await repoWithIncident();
    const run = await incident(repo, 'handoff', id, '--to', OLIVER);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^# Handoff: \\[SEV1\\] Checkout down \\(${id}\\)\n`));
    assert.match(run.stdout, /## Open hypotheses\n- the v41 rounding change \(/);
    assert.ok(run.stdout.endsWith(`${OLIVER} is now the commander of ${id}; the hand-over and its brief are on the timeline`));
    const recorded = readStore(repo).incidents[0];
    assert.equal(recorded.roles.commander, OLIVER);
    const event = recorded.timeline.at(-1);
    assert.equal(event?.kind, 'role');
    assert.deepEqual(event?.data, { role: 'commander', person: OLIVER, previous: 'Dana Ortiz <dana@example.com>', handoff: true });
    assert.match(event?.text ?? '', new RegExp(`^Command handed over from Dana Ortiz <dana@example.com> to ${OLIVER}\n\n# Handoff: `));
    assert.ok(recorded.changedAt?.['roles.commander'], 'the commander change is stamped for merges');
  });

  it('handoff --brief-file records the edited brief; --dry-run prints and writes nothing', async () => {
    const { repo, id } = await repoWithIncident();
    const before = storeText(repo);
    const dry = await incident(repo, 'handoff', id, '--to', OLIVER, '--dry-run');
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /^# Handoff: /);
    assert.equal(storeText(repo), before, '--dry-run records nothing');
    const file = join(repo, 'brief.md');
    writeFileSync(file, 'Watch the HUF payments; Ana knows the acquirer.\n');
    assert.equal((await incident(repo, 'handoff', id, '--to', OLIVER, '--brief-file', file)).code, 0);
    assert.ok(readStore(repo).incidents[0].timeline.at(-1)?.text.endsWith('\n\nWatch the HUF payments; Ana knows the acquirer.'));
  });

  it('brief prints the executive and the technical brief in both formats', async () => {
    const { repo, id } = await repoWithIncident();
    const executive = await incident(repo, 'brief', id, '--for', 'executive');
    assert.equal(executive.code, 0, executive.stderr);
    assert.match(executive.stdout, new RegExp(`^\\*\\*Executive brief: \\[SEV1\\] Checkout down\\*\\* \\(${id}\\)\n`));
    assert.match(executive.stdout, /\*\*Customer effect\*\*: Some card payments fail\. \(told to customers /);
    assert.match(executive.stdout, /\*\*Next update\*\*: \d{4}-\d\d-\d\d \d\d:\d\d UTC \(in (29|30)m\) in stakeholders/);
    const technical = await incident(repo, 'brief', id, '--for', 'technical', '--format', 'slack');
    assert.equal(technical.code, 0, technical.stderr);
    assert.match(technical.stdout, /^\*Technical brief: \[SEV1\] Checkout down\* /);
    assert.match(technical.stdout, /\n\*Open tasks\*\n• none\n/);
  });

  it('refuses a bad person, the current commander, an unknown incident or audience: one line, exit 1, nothing written', async () => {
    const { repo, id } = await repoWithIncident();
    const before = storeText(repo);
    assert.deepEqual(await incident(repo, 'handoff', id, '--to', '  '), { code: 1, stdout: '', stderr: 'incident: --to: name the person ("Name <email>" or a handle)' });
    assert.deepEqual(await incident(repo, 'handoff', id, '--to', 'Eve\nMallory'), {
      code: 1,
      stdout: '',
      stderr: 'incident: --to: a person is one line of text, without control characters',
    });
    assert.equal((await incident(repo, 'handoff', id)).stderr, 'incident: say who takes command: --to PERSON ("Name <email>" or a handle)');
    assert.equal(
      (await incident(repo, 'handoff', id, '--to', 'Dana Ortiz <dana@example.com>')).stderr,
      `incident: Dana Ortiz <dana@example.com> is already the commander of ${id}`,
    );
    assert.deepEqual(await incident(repo, 'handoff', 'INC-00000000', '--to', OLIVER), { code: 1, stdout: '', stderr: 'incident: no incident INC-00000000' });
    assert.deepEqual(await incident(repo, 'brief', 'INC-00000000', '--for', 'executive'), { code: 1, stdout: '', stderr: 'incident: no incident INC-00000000' });
    assert.equal((await incident(repo, 'brief', id, '--for', 'board')).stderr, 'incident: --for must be one of executive, technical (got "board")');
    assert.equal(storeText(repo), before);
  });
});
