import * as assert from 'node:assert/strict';
import { tempRepo } from '../store/tempRepo';
import { HOSTILE_TITLE, isTerminalSafe } from '../core/hostileText';
import { incident } from './runCli';

describe('incident list/show with hostile titles and notes', () => {
  it('print escape sequences, carriage returns and bidi overrides visibly; --json stays exact', async () => {
    const repo = tempRepo();
    const id = (await incident(repo, 'declare', '--title', HOSTILE_TITLE, '--category', 'regression', '--severity', 'SEV2')).stdout;
    assert.equal((await incident(repo, 'note', id, 'line one\nline\x1b[1A two\r\u202eevil')).code, 0);
    const listed = await incident(repo, 'list');
    assert.equal(listed.code, 0);
    assert.ok(isTerminalSafe(listed.stdout), JSON.stringify(listed.stdout));
    assert.match(listed.stdout, /Pay␛\[2J␛\]0;pwned␇ fails␍OK \\u\{202e\}evil/);
    const shown = await incident(repo, 'show', id);
    assert.ok(isTerminalSafe(shown.stdout), JSON.stringify(shown.stdout));
    assert.match(shown.stdout, /line one⏎line␛\[1A two␍\\u\{202e\}evil/);
    assert.equal(JSON.parse((await incident(repo, 'list', '--json')).stdout)[0].title, HOSTILE_TITLE);
    assert.equal(JSON.parse((await incident(repo, 'show', id, '--json')).stdout).timeline.at(-1).text, 'line one\nline\x1b[1A two\r\u202eevil');
  });
});
