/**
 * Team sync in a real extension host: the workspace is one responder's clone
 * of a remote served by `git daemon` on 127.0.0.1; another clone, made here,
 * declares an incident and syncs it. With automatic sync on, the incident
 * shows up in the Active Incidents view by itself, and the status bar says
 * what sync did; with the remote stopped it says offline and what waits.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { declareIncident } from '../../src/core/lifecycle/declare';
import { addTimelineEvent } from '../../src/core/lifecycle/timeline';
import { GitCommand } from '../../src/git/gitCommand';
import { IncidentStore } from '../../src/store/incidentStore';
import { syncStore } from '../../src/workflows/sync';
import { cloneRemote, makeBareRemote, startGitDaemon, type GitServer } from '../harness/gitServers';
import { activateExtension, eventually, workspaceFolder } from './extensionHelpers';

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' });
const STORE = join('.incidents', 'incidents.json');
const OTHER_ID = 'INC-0000SYNC';

describe('team sync in VS Code', function () {
  this.timeout(120_000);
  let server: GitServer | undefined;
  let root: string;
  let originalStore: string;
  const sync = () => vscode.workspace.getConfiguration('incidents.sync');

  before(async () => {
    root = workspaceFolder().fsPath;
    originalStore = readFileSync(join(root, STORE), 'utf8');
    const base = mkdtempSync(join(tmpdir(), 'incident-sync-it-'));
    const bare = await makeBareRemote(join(base, 'service.git'));
    git(root, 'push', '--quiet', bare, 'HEAD:refs/heads/main');
    server = await startGitDaemon(base);
    git(root, 'remote', 'add', 'team', server.url('service.git'));
  });

  after(async () => {
    await sync().update('enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await sync().update('remote', undefined, vscode.ConfigurationTarget.Workspace);
    await sync().update('intervalSeconds', undefined, vscode.ConfigurationTarget.Workspace);
    git(root, 'remote', 'remove', 'team');
    writeFileSync(join(root, STORE), originalStore);
    await server?.stop();
  });

  it('is off until turned on, then shares the store; an incident synced from another clone appears in Active Incidents, and the status bar reports it', async () => {
    const api = await activateExtension();
    assert.equal(api.syncStatus()?.phase, 'off');
    assert.equal(api.syncStatus()?.text, undefined, 'no status bar item while sync is off');

    await sync().update('remote', 'team', vscode.ConfigurationTarget.Workspace);
    await sync().update('intervalSeconds', 5, vscode.ConfigurationTarget.Workspace);
    await sync().update('enabled', true, vscode.ConfigurationTarget.Workspace);
    await eventually(() => (api.syncStatus()?.phase === 'synced' ? true : undefined), 'the first sync', 30_000);
    assert.match(api.syncStatus()?.text ?? '', /^\$\(check\) Incidents synced (just now|\d+ s ago)$/);

    // Another responder, on another machine: a clone that syncs and declares an incident.
    const other = await cloneRemote(server?.url('service.git') ?? '', join(mkdtempSync(join(tmpdir(), 'incident-sync-other-')), 'clone'));
    const store = new IncidentStore(other);
    const otherGit = new GitCommand(other);
    // The clone has the store committed on main; its first sync joins it with the team's.
    await syncStore(store, otherGit, { remote: 'origin', branch: 'incident-log', timeoutMs: 15_000 });
    const at = new Date();
    await store.add(declareIncident({ title: 'Declared on another machine', category: 'performance', severity: 'SEV1' }, { at, author: 'Bo <bo@example.com>' }, OTHER_ID));
    await syncStore(store, otherGit, { remote: 'origin', branch: 'incident-log', timeoutMs: 15_000 });

    const row = await eventually(() => api.activeIncidentRows().find((line) => line.includes(OTHER_ID)), 'the synced incident in Active Incidents', 60_000);
    assert.match(row, /SEV1 > INC-0000SYNC Declared on another machine/);
    assert.match(api.syncStatus()?.text ?? '', /^\$\(check\) Incidents synced/);
  });

  it('says offline with the number of changes not shared yet while the remote is down, and shares them when it is back', async () => {
    const api = await activateExtension();
    await server?.stop();
    const store = new IncidentStore(root);
    await store.update(OTHER_ID, (incident) =>
      addTimelineEvent(incident, { kind: 'note', text: 'Noted while offline' }, { at: new Date(), author: 'Dana Ortiz <dana@example.com>' }),
    );
    await vscode.commands.executeCommand('incidents.syncNow');
    const text = await eventually(() => (api.syncStatus()?.phase === 'offline' ? api.syncStatus()?.text : undefined), 'the offline status', 30_000);
    assert.equal(text, '$(debug-disconnect) Incidents offline — 1 change not shared yet');

    await server?.start();
    await vscode.commands.executeCommand('incidents.syncNow');
    await eventually(() => (api.syncStatus()?.phase === 'synced' ? true : undefined), 'a sync once the remote is back', 30_000);
    const shared = git(root, 'show', `team/incident-log:.incidents/incidents.json`);
    assert.match(shared, /Noted while offline/);
  });
});
