import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { emptyRepo, importCommits } from '../git/repoBuilder';
import { incident } from './runCli';

/** Declares an incident and returns its id; a few milliseconds apart, so each is declared after the one before. */
async function declare(repo: string, title: string, ...more: string[]): Promise<string> {
  await sleep(5);
  const declared = await incident(repo, 'declare', '--title', title, '--category', 'regression', '--severity', 'SEV2', ...more);
  assert.equal(declared.code, 0, declared.stderr);
  return declared.stdout.trim();
}

describe('incident related and the recurrence line of incident postmortem', () => {
  it('ranks by shared words and the files of cause/fix commits in a real repository, with why, as text and JSON', async () => {
    const repo = emptyRepo();
    const [, gatewayFix, ledgerFix, searchFix, gatewayAgain] = importCommits(repo, [
      { message: 'Start', files: { 'README.md': 'hi' } },
      { message: 'Raise the gateway timeout', files: { 'payments/gateway.ts': '1' } },
      { message: 'Round cents', files: { 'billing/ledger.ts': '1' } },
      { message: 'Rebuild index', files: { 'search/index.ts': '1' } },
      { message: 'Retry the gateway', files: { 'payments/gateway.ts': '2', 'payments/retry.ts': '1' } },
    ]);
    const first = await declare(repo, 'Checkout timeout at the payment gateway');
    const ledger = await declare(repo, 'Ledger totals off by cents');
    const search = await declare(repo, 'Search results empty');
    const drill = await declare(repo, 'Checkout timeout at the payment gateway', '--drill');
    const now = await declare(repo, 'Checkout timeout again');
    for (const [id, sha] of [
      [first, gatewayFix],
      [ledger, ledgerFix],
      [search, searchFix],
      [now, gatewayAgain],
    ])
      assert.equal((await incident(repo, 'link', id, sha, '--relation', 'fix')).code, 0);
    assert.equal((await incident(repo, 'note', ledger, 'the checkout page showed wrong totals')).code, 0);

    const shown = await incident(repo, 'related', now);
    assert.equal(shown.code, 0, shown.stderr);
    const lines = shown.stdout.split('\n');
    assert.equal(lines[0], `Incidents like ${now} (Checkout timeout again):`);
    assert.match(
      lines[1],
      new RegExp(
        `^ 1\\. ${first}  0\\.\\d\\d  Checkout timeout at the payment gateway  \\(both mention \\w+, \\w+, \\w+; both changed payments/gateway\\.ts in their cause/fix commits\\)$`,
      ),
    );
    assert.match(lines[2], new RegExp(`^ 2\\. ${ledger}  0\\.\\d\\d  Ledger totals off by cents  \\(both mention checkout\\)$`));
    assert.equal(lines.length, 3, 'the search incident shares nothing; the drill is left out');

    const json = JSON.parse((await incident(repo, 'related', now, '--json', '--include-drills', '--limit', '1')).stdout);
    assert.equal(json.length, 1);
    assert.equal(json[0].rank, 1);
    assert.deepEqual([...json[0].sharedWords].sort(), ['checkout', 'gateway', 'timeout']);
    assert.ok([first, drill].includes(json[0].id));
    assert.deepEqual(Object.keys(json[0]), ['rank', 'id', 'title', 'declaredAt', 'score', 'text', 'files', 'sharedWords', 'sharedFiles', 'why']);

    const alone = await incident(repo, 'related', search);
    assert.equal(alone.stdout, `No incident like ${search} yet.`);
  });

  it('refuses an unknown id or a bad --limit in one line with exit code 1', async () => {
    const repo = emptyRepo();
    const unknown = await incident(repo, 'related', 'INC-ZZZZZZZZ');
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stderr.split('\n').length, 1);
    assert.match(unknown.stderr, /no incident INC-ZZZZZZZZ/);
    const id = await declare(repo, 'Something');
    const badLimit = await incident(repo, 'related', id, '--limit', '0');
    assert.equal(badLimit.code, 1);
    assert.match(badLimit.stderr, /--limit must be a positive whole number/);
  });

  it('incident postmortem says which recurrence this is, from the files of the linked commits', async () => {
    const repo = emptyRepo();
    const [one, two, three] = importCommits(repo, [
      { message: 'Fix A', files: { 'payments/gateway.ts': '1' } },
      { message: 'Fix B', files: { 'payments/refunds.ts': '1' } },
      { message: 'Fix C', files: { 'payments/gateway.ts': '2' } },
    ]);
    const ids = [await declare(repo, 'A'), await declare(repo, 'B'), await declare(repo, 'C')];
    for (const [id, sha] of [
      [ids[0], one],
      [ids[1], two],
      [ids[2], three],
    ])
      assert.equal((await incident(repo, 'link', id, sha, '--relation', 'fix')).code, 0);
    const written = await incident(repo, 'postmortem', ids[2]);
    assert.equal(written.code, 0, written.stderr);
    const text = readFileSync(join(repo, '.incidents', 'postmortems', `${ids[2]}.md`), 'utf8');
    assert.ok(text.includes(`**Recurrence:** the third incident touching \`payments/\` in 90 days (after ${ids[0]}, ${ids[1]}).`), text.slice(0, 800));
    await incident(repo, 'postmortem', ids[0]);
    assert.ok(!readFileSync(join(repo, '.incidents', 'postmortems', `${ids[0]}.md`), 'utf8').includes('Recurrence'), 'the first has none');
  });
});
