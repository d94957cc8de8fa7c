/**
 * An e2e fixture: code-server with the packaged .vsix installed (as a user
 * would install it), a demo git repository as the workspace, and a Chromium
 * page on the workbench. Small page helpers keep the tests readable.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../harness/browser';
import { startCodeServer, type RunningCodeServer } from '../harness/codeServer';
import { ARTIFACTS_DIR, codeServerEntry, PROJECT_ROOT } from '../harness/projectPaths';
import { createWorkspace, type WorkspaceOptions } from '../harness/workspaceFixture';

export const VSIX_PATH = join(PROJECT_ROOT, 'incident-responder.vsix');
export const SCREENSHOT_DIR = join(ARTIFACTS_DIR, 'e2e');

export interface Workbench {
  page: Page;
  workspace: string;
  close(): Promise<void>;
}

export function installVsix(entry: string, extensionsDir: string): void {
  if (!existsSync(VSIX_PATH)) throw new Error(`${VSIX_PATH} is missing: run "npm run package" first`);
  execFileSync(process.execPath, [entry, '--extensions-dir', extensionsDir, '--install-extension', VSIX_PATH], { stdio: 'pipe' });
}

export interface WorkbenchOptions extends Pick<WorkspaceOptions, 'mergeDriverNamed' | 'sync' | 'remotes'> {
  trusted?: boolean;
  /** Extra environment for code-server and so for the extension host (a channel's INCIDENT_SECRET_…). */
  env?: Record<string, string>;
  /** Files to write into the workspace before it opens (path relative to it → text), e.g. a response plan. */
  files?: Record<string, string>;
}

export async function openWorkbench(options: WorkbenchOptions = {}): Promise<Workbench> {
  const entry = await codeServerEntry();
  const extensionsDir = mkdtempSync(join(tmpdir(), 'incident-e2e-ext-'));
  installVsix(entry, extensionsDir);
  const workspace = createWorkspace({ prefix: 'incident-e2e-', mergeDriverNamed: options.mergeDriverNamed, sync: options.sync, remotes: options.remotes });
  for (const [path, text] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(workspace, path)), { recursive: true });
    writeFileSync(join(workspace, path), text);
  }
  let server: RunningCodeServer | undefined;
  let browser: Browser | undefined;
  try {
    server = await startCodeServer({ entry, workspace, trusted: options.trusted ?? true, extensionsDir, ...(options.env ? { env: options.env } : {}) });
    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
    const response = await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);
    if (!response || response.status() >= 400) throw new Error(`workbench page answered ${response?.status()}`);
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await page.locator('.activitybar').waitFor({ timeout: 60_000 });
    const opened = { server, browser };
    return {
      page,
      workspace,
      close: async () => {
        await opened.browser.close().catch(() => undefined);
        await opened.server.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await server?.stop();
    throw error;
  }
}

/**
 * A workbench for the tests of one `describe`: opened before them, closed
 * after; each test reads it through the returned function.
 */
export function workbenchPerSuite(options?: Parameters<typeof openWorkbench>[0]): () => Workbench {
  let workbench: Workbench | undefined;
  before(async () => {
    workbench = await openWorkbench(options);
  });
  after(async () => {
    await workbench?.close();
  });
  return () => {
    if (!workbench) throw new Error('the workbench did not open (see the before hook)');
    return workbench;
  };
}

/** Runs a command by its palette title (F1, type, Enter). */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  // The palette sometimes opens before the workbench has taken the keyboard back (a view or notification
  // just drawn, a panel opening that takes the focus and so closes the palette) and drops what was typed:
  // it is closed and opened again, a few times, before giving up.
  const settled = (step: Promise<unknown>) =>
    step.then(
      () => true,
      () => false,
    );
  for (let attempt = 1; ; attempt++) {
    await page.keyboard.press('F1');
    const listed =
      (await settled(input.waitFor({ timeout: 10_000 }))) && (await settled(input.fill(`>${title}`, { timeout: 10_000 }))) && (await settled(row.waitFor({ timeout: 10_000 })));
    if (listed) break;
    if (attempt === 3) throw new Error(`the command palette never listed "${title}"`);
    await page.keyboard.press('Escape');
  }
  await page.keyboard.press('Enter');
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/**
 * Picks the quick-pick item with this label by typing it and pressing Enter,
 * as a keyboard user does. A click is not used: the mouse left over the
 * previous pick's row shows that row's hover, which catches the click.
 */
export async function pickQuickItem(page: Page, label: string): Promise<void> {
  await page.locator('.quick-input-widget input').fill(label);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: label }).waitFor();
  await page.keyboard.press('Enter');
}

/** Opens the notification centre until it lists a notification with `text` (one that arrives later shows only as a dot on the bell). */
export async function showInCentre(page: Page, text: string): Promise<void> {
  const item = page.locator('.notifications-center.visible .notification-list-item', { hasText: text });
  for (let attempt = 0; attempt < 60; attempt++) {
    if (!(await page.locator('.notifications-center.visible').count())) await runCommand(page, 'Notifications: Show Notifications');
    if (
      await item.waitFor({ timeout: 1_000 }).then(
        () => true,
        () => false,
      )
    )
      return;
  }
  throw new Error(`the notification centre never listed "${text}"`);
}
