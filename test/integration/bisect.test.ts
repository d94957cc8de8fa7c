import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { CommandId } from '../../src/ui/commands/commandIds';
import type { BisectResult } from '../../src/workflows/bisect';
import { activateExtension, storedIncident, workspaceFolder } from './extensionHelpers';

const ID = 'INC-1A2A0000';
const TELLS = 'test ! -f broken-marker';

describe('finding the breaking commit from VS Code', () => {
  it('bisects between two revisions in a temporary worktree and links the first bad commit as the cause only once confirmed', async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const commit = (file: string, message: string) => {
      writeFileSync(join(root, file), `${message}\n`);
      git('add', file);
      git('commit', '--quiet', '-m', message);
      return git('rev-parse', 'HEAD');
    };
    const good = git('rev-parse', 'HEAD');
    commit('export-a.txt', 'Tidy the export');
    const breaking = commit('broken-marker', 'Break the export');
    const bad = commit('export-b.txt', 'Log more in the export');
    try {
      // The confirmation answered "no": found and written to the timeline, not linked.
      const declined = await vscode.commands.executeCommand<BisectResult>(CommandId.Bisect, ID, { command: TELLS, good, bad, confirm: false });
      assert.ok(declined?.kind === 'found', JSON.stringify(declined));
      assert.equal(declined.commit.sha, breaking);
      assert.equal(declined.linked, false);
      assert.equal(
        storedIncident(ID).commits.find((c) => c.sha === breaking),
        undefined,
      );
      // Answered "Link as Cause".
      const confirmed = await vscode.commands.executeCommand<BisectResult>(CommandId.Bisect, ID, { command: TELLS, good, bad, confirm: true });
      assert.ok(confirmed?.kind === 'found' && confirmed.linked);
      const incident = storedIncident(ID);
      const linked = incident.commits.find((c) => c.sha === breaking);
      assert.equal(linked?.relation, 'cause');
      assert.equal(linked?.subject, 'Break the export');
      assert.ok(incident.timeline.some((event) => event.text.startsWith(`Bisect finished: ${breaking.slice(0, 8)} is the first bad commit`)));
      assert.equal(
        git('worktree', 'list', '--porcelain')
          .split('\n')
          .filter((line) => line.startsWith('worktree ')).length,
        1,
        'the temporary worktree is gone',
      );
      assert.equal(git('rev-parse', 'HEAD'), bad, "the user's HEAD did not move");
    } finally {
      git('rm', '--quiet', 'broken-marker');
      git('commit', '--quiet', '-m', 'Mend the export');
    }
  });
});
