import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { brokenHistory } from '../git/bisectHistories';
import { emptyRepo } from '../git/repoBuilder';
import { bisectNotes, declared, leftWorktrees, shown, startBisect, worktreeAdminFolders } from './bisectCli';

/** Kills the nearest `git bisect run` above the command (git 2.39's git-bisect script, or git itself where bisect is built in), read from /proc. */
const KILL_GIT_BISECT = [
  'p=$PPID',
  'while [ "$p" -gt 1 ]; do',
  `  case "$(tr '\\0' ' ' < /proc/$p/cmdline)" in *git-bisect\\ run*|git\\ bisect\\ run*) kill -9 $p; break ;; esac`,
  `  p=$(sed -n 's/^PPid:[[:space:]]*//p' /proc/$p/status)`,
  'done',
].join('\n');

/** Every way the command can end a bisect abnormally. */
const ENDINGS: Array<{ what: string; action: string; args?: string[] }> = [
  { what: 'kills its parent shell', action: 'kill -9 $PPID' },
  { what: 'sends its parent shell SIGTERM', action: 'kill -TERM $PPID' },
  { what: 'kills its process group', action: 'kill -9 0' },
  { what: 'kills git bisect', action: KILL_GIT_BISECT },
  { what: 'is ended by a signal', action: 'kill -TERM $$' },
  { what: 'exits above 127', action: 'exit 200' },
  // Three seconds: long enough for a shell on a loaded machine, so only the hanging run overruns it.
  { what: 'runs past the time limit', action: 'exec sleep 600', args: ['--step-timeout', '3'] },
];

/** Where the command does it: checking the good end (run by us), or on a step inside git bisect run (after the good end left good-seen behind). */
const PLACES = [
  { where: 'on the good end', command: (action: string) => `if [ -f broken-marker ]; then exit 1; fi\n${action}\nexit 0` },
  { where: 'on a step', command: (action: string) => `if [ -f broken-marker ]; then exit 1; fi\nif [ -f good-seen ]; then\n${action}\nfi\ntouch good-seen\nexit 0` },
];

/** What would show our own wrapper script or its marker instead of a plain reason. */
const INTERNALS = /INCIDENT_BISECT|incident-bisect-exit|eval|kill -0|'sh' '-c'/;

describe('incident bisect stopped by its command', function () {
  // Real bisects as their own processes, one with a three-second limit: seconds each, more on a busy machine.
  this.timeout(120_000);

  for (const { where, command } of PLACES)
    for (const { what, action, args = [] } of ENDINGS)
      it(`${where}, a command that ${what} stops the bisect: exit 5, one plain line, no worktree left, the timeline says so`, async () => {
        const repo = emptyRepo();
        const history = brokenHistory(repo, 31, 16, { breaking: 15 });
        const id = await declared(repo);
        const run = startBisect(repo, [id, '--run', command(action), '--good', history.root, '--bad', history.tip, ...args]);
        const { code, signal } = await run.exited;
        const stderr = run.stderr();
        assert.deepEqual({ code, signal }, { code: 5, signal: null }, stderr);
        const lines = stderr.trimEnd().split('\n');
        assert.match(lines.at(-1) ?? '', /^incident: bisect stopped: \S[^\n]*$/);
        assert.deepEqual(
          lines.slice(0, -1).filter((line) => !line.startsWith('bisect: ')),
          [],
          'only progress lines before it',
        );
        assert.doesNotMatch(stderr, INTERNALS);
        assert.deepEqual(leftWorktrees(repo), []);
        assert.deepEqual(worktreeAdminFolders(repo), []);
        assert.deepEqual(
          readdirSync(tmpdir()).filter((name) => name.startsWith(`incident-bisect-${id}-`)),
          [],
        );
        const notes = bisectNotes(await shown(repo, id));
        assert.match(notes.at(-1) ?? '', /^Bisect stopped after \d+ step\(s\): \S/);
        assert.doesNotMatch(notes.join('\n'), INTERNALS);
      });
});
