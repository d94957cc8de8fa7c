/**
 * TeamSync, the schedule and the words behind the sync status bar, in plain
 * Node: real clones of a real remote served on 127.0.0.1 (`git daemon`, or
 * `git http-backend` behind Basic authentication), a real IncidentStore, and a
 * host object standing in for VS Code's settings, trust and views.
 */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { declareIncident } from '../../../src/core/lifecycle/declare';
import { withTeamSyncSettings, type TeamSyncSettings } from '../../../src/core/plan/syncSettings';
import { addTimelineEvent } from '../../../src/core/lifecycle/timeline';
import { GitCommand } from '../../../src/git/gitCommand';
import { gitProcessesStarted } from '../../../src/git/processCount';
import { emptyDocument, IncidentStore } from '../../../src/store/incidentStore';
import {
  resolveSyncConfig,
  syncStatusText,
  syncStatusTooltip,
  TeamSync,
  type SyncPhase,
  type SyncSettings,
  type SyncStatus,
  type TeamSyncHost,
} from '../../../src/workflows/teamSync';
import { syncStore } from '../../../src/workflows/sync';
import { cloneRemote, makeBareRemote, runGit, startGitDaemon, startHttpGitServer, type GitServer } from '../../harness/gitServers';
import { PROJECT_ROOT } from '../../harness/projectPaths';

const ID = 'INC-0000TEAM';
const STORE = '.incidents/incidents.json';
const TEAM_BLOCK: TeamSyncSettings = { enabled: true, remote: 'origin', branch: 'incident-log' };
/** Short, so the debounced sync comes quickly; the extension keeps CHANGE_DEBOUNCE_MS. */
const DEBOUNCE_MS = 50;
const ctx = (author: string, n: number) => ({ at: new Date(Date.UTC(2026, 11, 2, 9, 0, 0, n)), author });
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('team sync settings: resolveSyncConfig', () => {
  const withBlock = (block: TeamSyncSettings) => withTeamSyncSettings(emptyDocument(), block);

  it("your true or false beats the store's sync block; null or no setting follows the block; no block is off", () => {
    assert.deepEqual(
      [true, false].map((enabled) => resolveSyncConfig({ enabled }, withBlock({ enabled: !enabled }))).map(({ enabled, source }) => ({ enabled, source })),
      [
        { enabled: true, source: 'setting' },
        { enabled: false, source: 'setting' },
      ],
    );
    for (const settings of [{ enabled: null }, { enabled: undefined }, {}] as SyncSettings[]) {
      for (const enabled of [true, false]) {
        const config = resolveSyncConfig(settings, withBlock({ enabled }));
        assert.deepEqual([config.enabled, config.source], [enabled, 'store'], JSON.stringify(settings));
      }
      assert.deepEqual(
        [resolveSyncConfig(settings, emptyDocument()), resolveSyncConfig(settings, undefined)].map(({ enabled, source }) => [enabled, source]),
        [
          [false, 'default'],
          [false, 'default'],
        ],
      );
    }
  });

  it('remote and branch come from the setting, else the block, else origin and incident-log', () => {
    const block = withBlock({ enabled: true, remote: 'upstream', branch: 'team-log' });
    const target = (settings: SyncSettings, document = block) => {
      const { remote, branch } = resolveSyncConfig(settings, document);
      return `${remote}/${branch}`;
    };
    assert.equal(target({ remote: 'team', branch: 'incidents' }), 'team/incidents');
    assert.equal(target({}), 'upstream/team-log');
    assert.equal(target({ remote: '  ', branch: '' }), 'upstream/team-log', 'a blank setting is no setting');
    assert.equal(target({}, withBlock({ enabled: true })), 'origin/incident-log');
    assert.equal(target({}, emptyDocument()), 'origin/incident-log');
  });

  it("the interval is at least 5 seconds, 10 by default (an alert's incident arrives within seconds)", () => {
    const interval = (intervalSeconds?: number) => resolveSyncConfig({ intervalSeconds }, undefined).intervalSeconds;
    assert.deepEqual([interval(), interval(Number.NaN), interval(0), interval(-3), interval(4), interval(5), interval(45)], [10, 10, 5, 5, 5, 5, 45]);
  });
});

describe('team sync status words', () => {
  const now = Date.UTC(2026, 11, 2, 12, 0, 0);
  const text = (status: Omit<SyncStatus, 'target'>) => syncStatusText({ target: 'origin/incident-log', ...status }, now);

  it('says when it last synced: just now, 12 s ago, 3 min ago, 2 h ago', () => {
    assert.deepEqual(
      [2_000, 12_000, 3 * 60_000 + 5_000, 2 * 3_600_000 + 1_000].map((ago) => text({ phase: 'synced', lastSynced: now - ago })),
      ['$(check) Incidents synced just now', '$(check) Incidents synced 12 s ago', '$(check) Incidents synced 3 min ago', '$(check) Incidents synced 2 h ago'],
    );
  });

  it('offline: how many changes wait, in words for 0, 1 and many', () => {
    assert.deepEqual(
      [0, undefined, 1, 3].map((unshared) => text({ phase: 'offline', unshared })),
      [
        '$(debug-disconnect) Incidents offline — nothing waiting to be shared',
        '$(debug-disconnect) Incidents offline — nothing waiting to be shared',
        '$(debug-disconnect) Incidents offline — 1 change not shared yet',
        '$(debug-disconnect) Incidents offline — 3 changes not shared yet',
      ],
    );
  });

  it('failed: names the kind of failure', () => {
    const words = ['authentication', 'no-such-remote', 'bad-branch-name', 'not-a-sync-branch', 'remote-store', 'busy', 'local-store', 'rejected'].map((kind) =>
      text({ phase: 'failed', failure: { kind, message: 'whatever' } }),
    );
    assert.deepEqual(words, [
      '$(error) Incident sync failed: authentication',
      '$(error) Incident sync failed: no such remote',
      '$(error) Incident sync failed: bad branch name',
      '$(error) Incident sync failed: the branch holds more than incidents',
      "$(error) Incident sync failed: the team's store is unusable",
      '$(error) Incident sync failed: remote busy',
      '$(error) Incident sync failed: the local store is unusable',
      '$(error) Incident sync failed: see the log',
    ]);
  });

  it('before and during a sync; nothing at all while off or in Restricted Mode', () => {
    assert.equal(text({ phase: 'idle' }), '$(sync) Incidents: not synced yet');
    assert.equal(text({ phase: 'syncing' }), '$(sync~spin) Incidents: syncing…');
    assert.equal(text({ phase: 'off' }), undefined);
    assert.equal(text({ phase: 'untrusted' }), undefined);
  });

  it('names only icons that exist: every $(name) in the words is a codicon (an unknown one shows as nothing)', () => {
    const codicons = readFileSync(join(PROJECT_ROOT, 'node_modules', '@vscode', 'codicons', 'dist', 'codicon.css'), 'utf8');
    const statuses: Omit<SyncStatus, 'target'>[] = [
      { phase: 'idle' },
      { phase: 'syncing' },
      { phase: 'synced', lastSynced: now },
      { phase: 'offline', unshared: 0 },
      { phase: 'offline', unshared: 1 },
      { phase: 'offline', unshared: 3 },
      { phase: 'failed', failure: { kind: 'authentication', message: 'whatever' } },
      { phase: 'no-remote', failure: { kind: 'no-remote', message: 'whatever' } },
    ];
    for (const status of statuses) {
      const words = text(status) ?? '';
      const icons = [...words.matchAll(/\$\(([a-z0-9-]+)(~spin)?\)/g)].map((match) => match[1]);
      assert.equal(icons.length, 1, `one icon in "${words}"`);
      assert.ok(codicons.includes(`.codicon-${icons[0]}:before`), `"${icons[0]}" (in "${words}") is not a codicon`);
    }
  });

  it('the tooltip says where, when, the whole failure message, and what a click does', () => {
    const failure = { kind: 'authentication', message: 'sync failed: authentication to origin was refused; check your credentials with `git fetch origin`' };
    assert.equal(
      syncStatusTooltip({ phase: 'failed', target: 'origin/incident-log', lastSynced: now - 12_000, failure }, now),
      [
        'Team sync with origin/incident-log',
        'Last synced 12 s ago',
        'sync failed: authentication to origin was refused; check your credentials with "git fetch origin"',
        'Click to sync now.',
      ].join('\n'),
      'a plain-text tooltip quotes the command instead of showing backticks',
    );
    assert.equal(syncStatusTooltip({ phase: 'idle' }, now), 'Team sync\nClick to sync now.');
  });

  it('no remote at all: says plainly there is nobody to sync with, not a failure', () => {
    const words = text({ phase: 'no-remote', failure: { kind: 'no-remote', message: 'whatever' } });
    assert.equal(words, '$(circle-slash) Incidents: no remote to sync with');
  });

  it("off because the store's sync block is unusable: says so, where an off sync shows nothing", () => {
    const problem = 'the store\'s "sync" block needs "enabled": true or false';
    assert.equal(text({ phase: 'off', problem }), "$(warning) Incident sync off: the store's sync block is unusable");
    assert.ok(syncStatusTooltip({ phase: 'off', problem }, now).includes(problem));
  });
});

interface Responder {
  dir: string;
  store: IncidentStore;
  sync: TeamSync;
  afterSyncCalls: number;
  logged: string[];
}

interface ResponderOptions {
  trusted?: boolean;
  settings?: SyncSettings;
  hasActiveIncident?: boolean;
}

describe('TeamSync on real clones of a remote on 127.0.0.1', function () {
  this.timeout(60_000);
  let base: string;
  let server: GitServer | undefined;
  const syncs: TeamSync[] = [];

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'incident-teamsync-'));
  });

  afterEach(async () => {
    for (const sync of syncs.splice(0)) sync.dispose();
    await server?.stop();
    server = undefined;
  });

  /** A bare remote served by git daemon. */
  async function daemonRemote(): Promise<GitServer> {
    await makeBareRemote(join(base, 'service.git'));
    server = await startGitDaemon(base);
    return server;
  }

  /**
   * A responder's TeamSync on a folder. Automatic sync is slow by default (no
   * active incident: every 2 minutes), so only what a test does makes a sync.
   */
  function responder(dir: string, options: ResponderOptions = {}): Responder {
    const store = new IncidentStore(dir);
    const host: TeamSyncHost = {
      root: dir,
      store: () => store,
      gitPath: () => undefined,
      trusted: () => options.trusted ?? true,
      settings: () => options.settings ?? {},
      hasActiveIncident: () => options.hasActiveIncident ?? false,
      author: async () => 'Dana Ortiz <dana@example.com>',
      afterSync: () => void responderState.afterSyncCalls++,
      log: (level, line) => responderState.logged.push(`${level}: ${line}`),
      debounceMs: DEBOUNCE_MS,
    };
    const sync = new TeamSync(host);
    syncs.push(sync);
    const responderState: Responder = { dir, store, sync, afterSyncCalls: 0, logged: [] };
    return responderState;
  }

  /** A clone whose store turns sync on for the team (the committed `sync` block) and holds one incident. */
  async function teamClone(url: string, name: string, options: ResponderOptions = {}): Promise<Responder> {
    const dir = await cloneRemote(url, join(base, name));
    const store = new IncidentStore(dir);
    await store.mutateDocument((document) => withTeamSyncSettings(document, TEAM_BLOCK), { create: true });
    await store.add(declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV2' }, ctx('Dana', 0), ID));
    return responder(dir, options);
  }

  /** The next status with this phase (not the current one). */
  const nextPhase = (sync: TeamSync, phase: SyncPhase) =>
    new Promise<SyncStatus>((resolve) => {
      const listening = sync.onDidChange((status) => {
        if (status.phase !== phase) return;
        listening.dispose();
        resolve(status);
      });
    });

  const addNote = (store: IncidentStore, text: string, n: number) => store.update(ID, (incident) => addTimelineEvent(incident, { kind: 'note', text }, ctx('Dana', n)));
  const sharedStore = () => runGit(join(base, 'service.git'), ['show', `incident-log:${STORE}`]);

  it('a repository with no remote (the demo): Sync Now says there is no remote to sync with, logged as information, not a failure', async () => {
    const dir = join(base, 'demo');
    await runGit(base, ['init', '--quiet', '--initial-branch=main', dir]);
    const store = new IncidentStore(dir);
    await store.add(declareIncident({ title: 'Checkout down', category: 'regression', severity: 'SEV2' }, ctx('Dana', 0), ID));
    const demo = responder(dir, { settings: { enabled: true } });
    const status = await demo.sync.syncNow(true);
    assert.equal(status.phase, 'no-remote');
    assert.equal(
      status.failure?.message,
      'this repository has no remote yet, so there is no "origin" to sync incidents with; add one with `git remote add origin URL` to share them with your team',
    );
    assert.equal(syncStatusText(status, Date.now()), '$(circle-slash) Incidents: no remote to sync with');
    assert.deepEqual(
      demo.logged.filter((line) => line.startsWith('warn')),
      [],
    );
  });

  it('in Restricted Mode: refresh and Sync Now run no sync and no git process, and the status bar shows nothing', async () => {
    const remote = await daemonRemote();
    const a = await teamClone(remote.url('service.git'), 'ana', { trusted: false, settings: { enabled: true } });
    const processesBefore = gitProcessesStarted();
    a.sync.refresh();
    const status = await a.sync.syncNow(true);
    a.sync.storeChanged();
    await pause(DEBOUNCE_MS * 4);
    assert.equal(status.phase, 'untrusted');
    assert.equal(a.sync.status.phase, 'untrusted');
    assert.equal(a.sync.syncs, 0);
    assert.equal(gitProcessesStarted(), processesBefore, 'no git process started');
    assert.equal(syncStatusText(a.sync.status, Date.now()), undefined);
  });

  it("turned on by the store's sync block: refresh leads to a first sync that shares the store", async () => {
    const remote = await daemonRemote();
    const a = await teamClone(remote.url('service.git'), 'ana');
    const synced = nextPhase(a.sync, 'synced');
    a.sync.refresh();
    assert.equal(a.sync.status.phase, 'idle');
    assert.equal(syncStatusText(a.sync.status, Date.now()), '$(sync) Incidents: not synced yet');
    const status = await synced;
    assert.equal(status.target, 'origin/incident-log');
    assert.equal(a.sync.syncs, 1);
    assert.match(syncStatusText(status, Date.now()) ?? '', /^\$\(check\) Incidents synced just now$/);
    assert.match(await sharedStore(), /Checkout down/);
  });

  it('a local change is shared by one debounced sync; a change check right after a sync (nothing new) syncs nothing', async () => {
    const remote = await daemonRemote();
    const a = await teamClone(remote.url('service.git'), 'ana');
    a.sync.refresh();
    await nextPhase(a.sync, 'synced');
    a.sync.storeChanged();
    await pause(DEBOUNCE_MS * 4);
    assert.equal(a.sync.syncs, 1, 'the store is what the last sync left: no sync');

    await addNote(a.store, 'Rolled back the deploy', 1);
    const shared = nextPhase(a.sync, 'synced');
    // A burst of change notices (the watcher, the window's own write) is one sync.
    for (let n = 0; n < 3; n++) a.sync.storeChanged();
    assert.equal(a.sync.syncs, 1, 'not at once: after the debounce');
    await shared;
    await pause(DEBOUNCE_MS * 4);
    assert.equal(a.sync.syncs, 2);
    assert.match(await sharedStore(), /Rolled back the deploy/);
  });

  it("a change from another clone reaches the store and calls afterSync; TeamSync's own write then syncs nothing more", async () => {
    const remote = await daemonRemote();
    const a = await teamClone(remote.url('service.git'), 'ana');
    a.sync.refresh();
    await nextPhase(a.sync, 'synced');
    assert.equal(a.afterSyncCalls, 0, 'nothing arrived yet');

    const boDir = await cloneRemote(remote.url('service.git'), join(base, 'bo'));
    const bo = { store: new IncidentStore(boDir), git: new GitCommand(boDir) };
    const options = { remote: 'origin', branch: 'incident-log', timeoutMs: 15_000 };
    await syncStore(bo.store, bo.git, options);
    await addNote(bo.store, 'Noted on another machine', 2);
    await syncStore(bo.store, bo.git, options);

    const status = await a.sync.syncNow();
    assert.equal(status.phase, 'synced');
    assert.equal(a.afterSyncCalls, 1, 'the views reload at once');
    assert.match(
      a.store
        .read()
        .incident(ID)
        ?.timeline.map((event) => event.text)
        .join('\n') ?? '',
      /Noted on another machine/,
    );

    // The file changed, but TeamSync wrote it: the watcher's notice must not start another sync.
    a.sync.storeChanged();
    await pause(DEBOUNCE_MS * 4);
    assert.equal(a.sync.syncs, 2);
    await a.sync.syncNow();
    assert.equal(a.afterSyncCalls, 1, 'a sync that received nothing reloads nothing');
  });

  it('single flight: three Sync Now at once run one sync and queue one more, which every later caller waits for', async () => {
    const remote = await daemonRemote();
    const a = await teamClone(remote.url('service.git'), 'ana', { settings: { enabled: false } });
    a.sync.refresh();
    assert.equal(a.sync.status.phase, 'off');
    const statuses = await Promise.all([a.sync.syncNow(true), a.sync.syncNow(true), a.sync.syncNow(true)]);
    assert.deepEqual(
      statuses.map((status) => status.phase),
      ['synced', 'synced', 'synced'],
    );
    assert.equal(a.sync.syncs, 2);
    assert.equal(a.sync.status.phase, 'synced', 'the queued sync has finished when its callers hear back');
    await pause(DEBOUNCE_MS * 4);
    assert.equal(a.sync.syncs, 2);
  });

  it('the remote stopped: offline, with how many changes wait; back again: synced', async () => {
    const remote = await daemonRemote();
    const a = await teamClone(remote.url('service.git'), 'ana');
    a.sync.refresh();
    const first = await nextPhase(a.sync, 'synced');
    await remote.stop();
    await addNote(a.store, 'Noted while offline', 3);
    const offline = await a.sync.syncNow();
    assert.equal(offline.phase, 'offline');
    assert.equal(offline.unshared, 1);
    assert.equal(offline.lastSynced, first.lastSynced, 'it still says when it last synced');
    assert.equal(offline.failure?.kind, 'unreachable');
    assert.equal(syncStatusText(offline, Date.now()), '$(debug-disconnect) Incidents offline — 1 change not shared yet');
    await addNote(a.store, 'And another', 4);
    // A retry while the remote is away keeps saying offline: the item does not flicker to "syncing" every interval.
    const shown: string[] = [];
    const watching = a.sync.onDidChange((status) => shown.push(status.phase));
    assert.equal((await a.sync.syncNow()).unshared, 2);
    watching.dispose();
    assert.deepEqual(shown, ['offline']);

    await remote.start();
    assert.equal((await a.sync.syncNow()).phase, 'synced');
    assert.match(await sharedStore(), /And another/);
  });

  it('a wrong password over http: failed, kind authentication, with the message that says what to do', async () => {
    await makeBareRemote(join(base, 'service.git'));
    const http = await startHttpGitServer(base, { user: 'dana', password: 'right-horse' });
    server = http;
    const dir = join(base, 'ana');
    await runGit(base, ['init', '--quiet', '--initial-branch=main', dir]);
    await runGit(dir, ['remote', 'add', 'origin', http.url('service.git').replace('http://', 'http://dana:wrong-horse@')]);
    const store = new IncidentStore(dir);
    await store.mutateDocument((document) => withTeamSyncSettings(document, TEAM_BLOCK), { create: true });
    const a = responder(dir);
    a.sync.refresh();
    const failed = await nextPhase(a.sync, 'failed');
    assert.equal(failed.failure?.kind, 'authentication');
    assert.match(failed.failure?.message ?? '', /authentication to origin was refused/);
    assert.equal(syncStatusText(failed, Date.now()), '$(error) Incident sync failed: authentication');
    assert.ok(
      a.logged.some((line) => line.startsWith('warn: ') && line.includes('authentication')),
      'the log has the whole message',
    );
  });

  it('dispose stops the schedule: neither the interval nor a pending debounced sync runs afterwards', async () => {
    const remote = await daemonRemote();
    // Active incident, 5 s interval: the next automatic sync would come 5 s after the first.
    const a = await teamClone(remote.url('service.git'), 'ana', { hasActiveIncident: true, settings: { intervalSeconds: 5 } });
    a.sync.refresh();
    await nextPhase(a.sync, 'synced');
    await addNote(a.store, 'Noted before closing the window', 5);
    a.sync.storeChanged();
    a.sync.dispose();
    await pause(5_500);
    assert.equal(a.sync.syncs, 1);
    assert.equal(await a.sync.syncNow(true).then((status) => status.phase), 'synced', 'a disposed TeamSync answers with its last status');
    assert.equal(a.sync.syncs, 1);
  });
});
