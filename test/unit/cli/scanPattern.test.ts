import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { tempRepo } from '../store/tempRepo';
import { incident } from './runCli';

const PROJECT_ROOT = resolve(__dirname, '..', '..', '..', '..');
const CLI = join(PROJECT_ROOT, 'dist', 'cli.js');

describe('incident scan --pattern with a pathological regex', function () {
  this.timeout(60_000);

  it('refuses a pattern with nested quantifiers in one line, exit 1, naming the pattern', async () => {
    const repo = tempRepo();
    execFileSync('git', ['commit', '--quiet', '--allow-empty', '-m', 'init'], { cwd: repo });
    const result = await incident(repo, 'scan', '--pattern', '(a+)+$');
    assert.equal(result.code, 1);
    assert.equal(result.stderr.split('\n').length, 1);
    assert.match(result.stderr, /--pattern \(a\+\)\+\$: .*repeated group that itself repeats/);
  });

  it('refuses a lookaround (which the linear-time fallback cannot run) and a repeated alternation, one line each, exit 1', async () => {
    const repo = tempRepo();
    execFileSync('git', ['commit', '--quiet', '--allow-empty', '-m', 'fix: inc-7k3qf2xm'], { cwd: repo });
    // Harmless on this history, so a build without the check scans and exits 0 instead of hanging the test.
    for (const [pattern, why] of [
      ['inc(?=-)', /lookahead/],
      ['(?<!x)inc-(\\w{8})', /lookbehind/],
      ['(x|xy)+', /alternation/],
    ] as const) {
      const result = await incident(repo, 'scan', '--full', '--pattern', pattern);
      assert.equal(result.code, 1, pattern);
      assert.equal(result.stderr.split('\n').length, 1, result.stderr);
      assert.ok(result.stderr.includes(`--pattern ${pattern}: `), result.stderr);
      assert.match(result.stderr, why);
    }
  });

  describe('the real CLI process', () => {
    let child: ReturnType<typeof spawn> | undefined;
    before(() => execFileSync(process.execPath, [join(PROJECT_ROOT, 'scripts', 'build.mjs'), 'cli'], { cwd: PROJECT_ROOT }));
    afterEach(() => child?.kill('SIGKILL'));

    it('ends on SIGTERM in the middle of a scan with a slow (polynomial) pattern over a long line', async function () {
      this.timeout(10_000);
      const repo = tempRepo();
      execFileSync('git', ['commit', '--quiet', '--allow-empty', '-m', `${'a'.repeat(30_000)}!`], { cwd: repo });
      // Passes the nested-quantifier check, yet backtracking takes on the order of n^5 steps on that line.
      child = spawn(process.execPath, [CLI, 'scan', '--full', '--pattern', 'a*a*a*a*a*b'], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
      const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child!.on('exit', (code, signal) => done({ code, signal })));
      // Let it get into the scan (git has answered once something is on its way), then ask it to stop.
      await new Promise((wait) => setTimeout(wait, 1_000));
      child.kill('SIGTERM');
      const { code, signal } = await ended;
      assert.ok(signal === 'SIGTERM' || code === 0 || code === 143, `exit ${code} / ${signal}`);
    });
  });
});
