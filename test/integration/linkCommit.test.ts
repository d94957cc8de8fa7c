import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { recordDeploy } from '../../src/core/lifecycle/deploys';
import { CommandId } from '../../src/ui/commands/commandIds';
import { IncidentStore } from '../../src/store/incidentStore';
import { acceptingFirstItems, activateExtension, eventually, workspaceFolder } from './extensionHelpers';

describe('linking a commit from VS Code', () => {
  it('picks HEAD from the recent commits, asks the relation, and links it', async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    // The first entry of each quick pick: HEAD (once git log has filled the pick), then the first relation ("cause").
    await acceptingFirstItems(vscode.commands.executeCommand(CommandId.LinkCommit, 'INC-1A2B3C6F'), 'the commit and relation picks answered');
    const linked = await eventually(() => {
      const read = new IncidentStore(root).read();
      const incident = read.kind === 'loaded' ? read.document.incidents.find((i) => i.id === 'INC-1A2B3C6F') : undefined;
      return incident?.commits[0];
    }, 'the link in the store');
    assert.equal(linked.sha, head);
    assert.equal(linked.subject, execFileSync('git', ['log', '-1', '--format=%s'], { cwd: root, encoding: 'utf8' }).trim());
    assert.equal(linked.relation, 'cause');
  });

  it('shows the suspect commits since the last good deploy and links the picked one as the cause', async () => {
    await activateExtension();
    const root = workspaceFolder().fsPath;
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    const firstCommit = git('rev-list', '--max-parents=0', 'HEAD');
    writeFileSync(join(root, 'suspect.ts'), 'export const LIMIT = 0;\n');
    git('add', 'suspect.ts');
    git('commit', '--quiet', '-m', 'Lower the limit');
    const head = git('rev-parse', 'HEAD');
    const store = new IncidentStore(root);
    await store.mutateDocument((document) => {
      const incident = document.incidents.find((i) => i.id === 'INC-1A2A0000')!;
      const anHourBefore = new Date(Date.parse(incident.declaredAt) - 3_600_000);
      return recordDeploy(document, { environment: 'production', ref: 'v1', sha: firstCommit, status: 'succeeded', incidentIds: [] }, { at: anHourBefore, author: 'CI' }).document;
    });
    // No open editors, so nothing but git's order ranks the suspects: the newest first.
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // The first (newest) suspect, once git has ranked them and the pick shows.
    await acceptingFirstItems(vscode.commands.executeCommand(CommandId.ShowSuspects, 'INC-1A2A0000'), 'the suspect pick answered');
    const linked = await eventually(() => {
      const read = store.read();
      return read.kind === 'loaded' ? read.document.incidents.find((i) => i.id === 'INC-1A2A0000')?.commits.find((c) => c.sha === head) : undefined;
    }, 'the picked suspect linked');
    assert.equal(linked.relation, 'cause');
    assert.equal(linked.subject, 'Lower the limit');
  });
});
