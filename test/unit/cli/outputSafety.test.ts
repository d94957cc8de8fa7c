/**
 * Nothing the command line prints obeys a terminal: text from the record (a
 * teammate's, an agent's), from a file name in the repository or from an
 * argument is shown with its escapes visible, on stdout and stderr, in every
 * verb and every error line; --json stays exact JSON with C1 and bidi
 * characters escaped. Runs the built program, so direct writes are covered too.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { HOSTILE_TITLE, isTerminalSafe } from '../core/hostileText';
import { tempRepo } from '../store/tempRepo';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');

/** The hostile title without its NUL, which no argument can carry: OSC title, screen clear, CR, bidi override and isolate, C1 CSI, DEL. */
const HOSTILE = HOSTILE_TITLE.replace('\x00', '');
/** A terminal reset and a CSI on top, for arguments. */
const HOSTILE_ARG = `x\x1bc\x1b[31m${HOSTILE}`;

function incident(cwd: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function assertSafe(args: string[], result: { stdout: string; stderr: string }) {
  assert.ok(isTerminalSafe(result.stdout), `stdout of ${JSON.stringify(args)}: ${JSON.stringify(result.stdout)}`);
  assert.ok(isTerminalSafe(result.stderr), `stderr of ${JSON.stringify(args)}: ${JSON.stringify(result.stderr)}`);
}

/** A repository whose record was written by a hostile teammate: title, summary, impact, author, roles, notes, updates, action items, a runbook's file name. */
function hostileRecord(): { repo: string; id: string } {
  const repo = tempRepo();
  execFileSync('git', ['config', 'user.name', HOSTILE], { cwd: repo });
  const declared = incident(repo, 'declare', '--title', HOSTILE, '--category', 'bug', '--severity', 'SEV2', '--commander', HOSTILE);
  assert.equal(declared.code, 0, declared.stderr);
  const id = declared.stdout.trim();
  for (const args of [
    ['summary', id, '--summary', HOSTILE, '--impact', `${HOSTILE}\nsecond line`],
    ['note', id, HOSTILE],
    ['update', id, HOSTILE, '--audience', HOSTILE],
    ['action', 'add', id, HOSTILE, '--owner', HOSTILE],
    ['assign', id, 'scribe', HOSTILE],
  ]) {
    const result = incident(repo, ...args);
    assert.equal(result.code, 0, result.stderr);
    assertSafe(args, result);
  }
  return { repo, id };
}

describe('incident output with hostile text (dist/cli.js)', function () {
  this.timeout(120_000);
  before(() => execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT }));

  it('summary prints summary and impact with escapes, screen clears and bidi overrides visible', () => {
    const { repo, id } = hostileRecord();
    const shown = incident(repo, 'summary', id);
    assert.equal(shown.code, 0, shown.stderr);
    assertSafe(['summary', id], shown);
    assert.match(shown.stdout, /^Summary: Pay␛\[2J␛\]0;pwned␇ fails␍OK \\u\{202e\}evil/m);
    assert.match(shown.stdout, /^Impact: Pay␛\[2J/m);
  });

  it('every verb that shows the record keeps stdout and stderr free of controls', () => {
    const { repo, id } = hostileRecord();
    for (const args of [
      ['list'],
      ['list', '--all'],
      ['show', id],
      ['summary', id],
      ['task', id],
      ['brief', id, '--for', 'stakeholders'],
      ['brief', id, '--for', 'customers', '--format', 'markdown'],
      ['related', id],
      ['metrics', '--csv'],
      ['postmortem', id],
      ['statuspage', '--out', 'site'],
      ['highlight', id, '1'],
    ]) {
      const result = incident(repo, ...args);
      assertSafe(args, result);
    }
  });

  it('--json stays exact JSON: C0 escaped by JSON itself, C1, DEL and bidi characters as \\uXXXX', () => {
    const { repo, id } = hostileRecord();
    for (const args of [
      ['list', '--json'],
      ['show', id, '--json'],
    ]) {
      const result = incident(repo, ...args);
      assert.equal(result.code, 0, result.stderr);
      assertSafe(args, result);
      assert.match(result.stdout, /\\u202e/);
      assert.match(result.stdout, /\\u009b/);
    }
    const listed = JSON.parse(incident(repo, 'list', '--json').stdout);
    assert.equal(listed[0].title, HOSTILE);
    const shown = JSON.parse(incident(repo, 'show', id, '--json').stdout);
    assert.equal(shown.summary, HOSTILE);
    assert.equal(shown.impact, `${HOSTILE}\nsecond line`);
    assert.equal(shown.declaredBy.startsWith(HOSTILE), true);
  });

  it('error lines echo verbs, options, ids and statuses visibly, one line each', () => {
    const { repo, id } = hostileRecord();
    for (const args of [
      [HOSTILE_ARG],
      [`--${HOSTILE_ARG}`, 'list'],
      ['list', `--${HOSTILE_ARG}`],
      ['show', HOSTILE_ARG],
      ['note', HOSTILE_ARG, 'text'],
      ['status', id, HOSTILE_ARG],
      ['severity', id, HOSTILE_ARG],
      ['assign', id, HOSTILE_ARG, 'Ana'],
      ['action', 'done', id, HOSTILE_ARG],
      ['task', id, HOSTILE_ARG, '--done'],
      ['highlight', id, HOSTILE_ARG],
      ['update', id, 'text', '--next', HOSTILE_ARG],
      ['deploy', '--env', 'prod', '--ref', HOSTILE_ARG],
      ['sync', '--remote', HOSTILE_ARG],
      ['sync', '--branch', HOSTILE_ARG],
      ['statuspage', '--out', 'site', '--now', HOSTILE_ARG],
      ['--store', HOSTILE_ARG, 'list'],
    ]) {
      const result = incident(repo, ...args);
      assert.equal(result.code, 1, `${JSON.stringify(args)}: ${result.stderr}`);
      assertSafe(args, result);
      assert.equal(result.stderr.trimEnd().split('\n').length, 1, result.stderr);
      // Shown as ␛, or as \u001b where the message quotes the text as JSON.
      assert.match(result.stderr, /␛|\\u001b/, `${JSON.stringify(args)} shows the escape: ${result.stderr}`);
    }
  });

  it("a warning that quotes a file name of the repository (a teammate's runbook) shows it visibly", () => {
    const repo = tempRepo();
    mkdirSync(join(repo, '.incidents', 'runbooks'), { recursive: true });
    writeFileSync(join(repo, '.incidents', 'runbooks', 'x\x1b]0;pwned\x07\x1b[2J.md'), 'not a runbook');
    const declared = incident(repo, 'declare', '--title', 'Checkout down', '--category', 'bug', '--severity', 'SEV2');
    assert.equal(declared.code, 0, declared.stderr);
    assertSafe(['declare'], declared);
    assert.match(declared.stderr, /runbooks\/x␛\]0;pwned␇␛\[2J\.md/);
    const checked = incident(repo, 'plan', 'check');
    assertSafe(['plan', 'check'], checked);
    assert.match(checked.stdout + checked.stderr, /runbooks\/x␛\]0;pwned␇/);
  });

  it('no verb writes to the process streams itself: all output goes through the one writer that shows controls', () => {
    const folder = join(PROJECT_ROOT, 'src', 'cli');
    const direct = readdirSync(folder)
      .filter((name) => name.endsWith('.ts') && name !== 'output.ts')
      .flatMap((name) =>
        readFileSync(join(folder, name), 'utf8')
          .split('\n')
          .map((line, index) => ({ where: `${name}:${index + 1}`, line }))
          .filter(({ line }) => /process\.(stdout|stderr)\.write|console\.(log|error|warn|info)/.test(line)),
      )
      .map(({ where, line }) => `${where}: ${line.trim()}`);
    assert.deepEqual(direct, []);
  });
});
