import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NOTES_MARKER } from '../../../src/core/retrospective/postmortem';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const show = async (repo: string, id: string) => JSON.parse((await incident(repo, 'show', id, '--json')).stdout);

describe('incident verbs over the domain', () => {
  it('assigns roles, changes severity, ticks the checklist and posts an update with its next time', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Login loops', '--category', 'security', '--severity', 'SEV3')).stdout;
    assert.equal((await incident(repo, 'assign', id, 'commander', 'Ana', 'Lima', '<ana@example.com>')).stdout, `Ana Lima <ana@example.com> is commander of ${id}`);
    assert.equal((await incident(repo, 'severity', id, 'sev1')).code, 0);
    assert.equal((await incident(repo, 'check', id, 'confidentiality')).code, 0);
    const posted = await incident(repo, 'update', id, 'Sessions', 'are', 'being', 'reset', '--audience', 'customers', '--next', '30m');
    assert.equal(posted.code, 0, posted.stderr);
    const stored = await show(repo, id);
    assert.equal(stored.roles.commander, 'Ana Lima <ana@example.com>');
    assert.equal(stored.severity, 'SEV1');
    assert.equal(stored.checklist.confidentiality.checked, true);
    assert.equal(stored.updates[0].text, 'Sessions are being reset');
    assert.equal(Date.parse(stored.updates[0].nextUpdateBy) - Date.parse(stored.updates[0].at), 30 * 60_000);
    assert.deepEqual(
      stored.timeline.map((e: { kind: string }) => e.kind),
      ['declared', 'role', 'severity', 'checklist', 'update'],
    );
  });

  it('refuses bad input with exit 1 and a one-line reason', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'x', '--category', 'regression', '--severity', 'SEV2')).stdout;
    for (const [args, reason] of [
      [['assign', id, 'king', 'Ana'], /the role must be one of/],
      [['severity', id, 'SEV9'], /the severity must be one of/],
      [['update', id, 'hi', '--next', 'soon'], /--next must look like 30m/],
      [['action', 'add', id, 'Fix', '--due', '31/12/2026'], /--due must be a date/],
      [['action', 'done', id, 'nope'], /has no action item "nope"/],
      [['metrics', '--since', 'last week'], /--since must look like 90d/],
      [['action', 'add', id, 'x'.repeat(501)], /^incident: action item 1's title must be at most 500 characters; nothing was changed$/],
    ] as const) {
      const result = await incident(repo, ...args);
      assert.equal(result.code, 1, args.join(' '));
      assert.match(result.stderr, reason);
      assert.equal(result.stderr.split('\n').length, 1);
    }
  });

  it('adds and completes action items, writes the postmortem and keeps its notes on re-export', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Disk full', '--category', 'performance', '--severity', 'SEV2')).stdout;
    const actionId = (await incident(repo, 'action', 'add', id, 'Alert', 'at', '80%', '--owner', 'Ana', '--due', '2026-12-01')).stdout;
    assert.match(actionId, /^[0-9a-z]{12}$/);
    assert.equal((await incident(repo, 'action', 'done', id, actionId)).code, 0);
    assert.equal((await show(repo, id)).retrospective.actionItems[0].status, 'done');
    assert.equal((await incident(repo, 'postmortem', id)).stdout, `Wrote .incidents/postmortems/${id}.md`);
    const file = join(repo, '.incidents', 'postmortems', `${id}.md`);
    const text = readFileSync(file, 'utf8');
    assert.match(text, new RegExp(`^# Postmortem: Disk full \\(${id}\\)`));
    assert.match(text, /\| [0-9a-z]{12} \| Alert at 80% \| Ana \| 2026-12-01 \| done \| — \|/);
    writeFileSync(file, `${text.slice(0, text.indexOf(NOTES_MARKER))}${NOTES_MARKER}\n## Notes\n\nVendor call on Monday.\n`);
    await incident(repo, 'assign', id, 'scribe', 'Bo');
    assert.equal((await incident(repo, 'postmortem', id)).stdout, `Updated .incidents/postmortems/${id}.md`);
    const again = readFileSync(file, 'utf8');
    assert.ok(again.endsWith('## Notes\n\nVendor call on Monday.\n'));
    assert.match(again, /\| Scribe \| Bo \|/);
  });

  it('sets the summary and impact the postmortem shows, prints them, and records the change in the timeline', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Card payments fail', '--category', 'regression', '--severity', 'SEV1')).stdout;
    const set = await incident(repo, 'summary', id, '--summary', 'A rounding change broke EU card payments.', '--impact', 'Every EU card payment failed | for 40 minutes.');
    assert.equal(set.code, 0, set.stderr);
    assert.equal(set.stdout, `Summary and impact of ${id} updated`);
    const stored = await show(repo, id);
    assert.equal(stored.summary, 'A rounding change broke EU card payments.');
    assert.equal(stored.impact, 'Every EU card payment failed | for 40 minutes.');
    assert.equal(stored.timeline.at(-1).kind, 'retrospective');
    assert.equal((await incident(repo, 'summary', id, '--impact', 'All EU card payments failed.')).stdout, `Impact of ${id} updated`);
    assert.equal((await incident(repo, 'summary', id)).stdout, 'Summary: A rounding change broke EU card payments.\nImpact: All EU card payments failed.');
    await incident(repo, 'postmortem', id);
    const text = readFileSync(join(repo, '.incidents', 'postmortems', `${id}.md`), 'utf8');
    assert.match(text, /## Summary\n\nA rounding change broke EU card payments\.\n/);
    assert.match(text, /## Impact\n\nAll EU card payments failed\.\n/);
    assert.match(text, /regenerated from the incident record on each export/);
  });

  it('prints metrics as text, JSON and CSV with the same numbers', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', 'Queue stuck', '--category', 'performance', '--severity', 'SEV2', '--commander', 'Ana')).stdout;
    await incident(repo, 'status', id, 'triaged');
    await incident(repo, 'status', id, 'resolved');
    const json = JSON.parse((await incident(repo, 'metrics', '--json', '--since', '30d')).stdout);
    assert.equal(json.incidents, 1);
    assert.equal(json.overall.acknowledge.count, 1);
    assert.equal(json.bySeverity.SEV2.response.met, 1);
    const text = (await incident(repo, 'metrics')).stdout;
    assert.match(text, /^1 incident\(s\)\ntime to acknowledge median <1m, mean <1m \(n=1\)/);
    assert.match(text, /SEV2 SLA: response 100% met \(1\/1\), resolution 100% met \(1\/1\)/);
    const csv = (await incident(repo, 'metrics', '--csv')).stdout.split('\n');
    assert.equal(csv[1], 'all,all,time_to_acknowledge,1,0.0,0.0');
    assert.equal((await incident(repo, 'metrics', '--category', 'security', '--json')).stdout.includes('"incidents": 0'), true);
  });
});
