/**
 * Starts code-server (VS Code 1.139 server + web workbench) on 127.0.0.1 for
 * the integration and e2e layers. VS Code cannot be downloaded on our CI
 * machines, so this is our real VS Code here (see docs/development.md, "Tests").
 *
 * The server runs in its own process group so that `stop()` (and a crash of
 * the driver) never leaks it.
 */
import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface CodeServerOptions {
  /** code-server's out/node/entry.js (see scripts/ensure-code-server.mjs). */
  entry: string;
  /** Folder opened as the workspace. */
  workspace: string;
  /** Trust the workspace (adds --disable-workspace-trust). */
  trusted: boolean;
  /** Extensions dir (e.g. with the .vsix installed); default: an empty temp dir. */
  extensionsDir?: string;
  /** Extra environment for the server and so for the extension host. */
  env?: Record<string, string>;
  /** Port on 127.0.0.1; default: a free one. */
  port?: number;
  /** Lines the server prints go here. */
  log?: (line: string) => void;
}

export interface RunningCodeServer {
  readonly port: number;
  readonly origin: string;
  readonly userDataDir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export function codeServerArgs(options: CodeServerOptions, port: number, dirs: { config: string; userData: string; extensions: string }): string[] {
  return [
    options.entry,
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--auth',
    'none',
    '--config',
    dirs.config,
    '--user-data-dir',
    dirs.userData,
    '--extensions-dir',
    dirs.extensions,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    // A built VS Code ignores the test payload unless the smoke-test driver is
    // enabled (its check is `payload && (!isBuilt || enableSmokeTestDriver)`).
    '--vscode-option',
    'enable-smoke-test-driver',
    ...(options.trusted ? ['--disable-workspace-trust'] : []),
    options.workspace,
  ];
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const root = mkdtempSync(join(tmpdir(), 'incident-cs-'));
  const dirs = {
    config: join(root, 'config.yaml'),
    userData: join(root, 'user-data'),
    extensions: options.extensionsDir ?? join(root, 'extensions'),
  };
  mkdirSync(dirs.extensions, { recursive: true });
  writeUserSettings(dirs.userData);
  writeFileSync(dirs.config, 'auth: none\ncert: false\n');
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, codeServerArgs(options, port, dirs), {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  const log = options.log ?? (() => undefined);
  child.stdout?.on('data', (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((l) => log(l)),
  );
  child.stderr?.on('data', (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .forEach((l) => log(l)),
  );
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(origin, child);
  } catch (error) {
    killGroup(child);
    throw error;
  }
  return {
    port,
    origin,
    userDataDir: dirs.userData,
    stop: async () => {
      killGroup(child);
      await new Promise((resolve) => (child.exitCode !== null ? resolve(undefined) : child.once('exit', resolve)));
    },
  };
}

/** Settings that keep the workbench quiet and deterministic for tests. */
function writeUserSettings(userDataDir: string): void {
  const settingsDir = join(userDataDir, 'User');
  mkdirSync(settingsDir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'security.workspace.trust.startupPrompt': 'never',
    'git.openRepositoryInParentFolders': 'never',
    // Keep the screenshots about our extension: no chat side bar.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
  };
  writeFileSync(join(settingsDir, 'settings.json'), JSON.stringify(settings, null, 2));
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // already gone
  }
}

async function waitForHttp(origin: string, child: ChildProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before listening`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`code-server did not listen on ${origin} within ${timeoutMs} ms`);
}
