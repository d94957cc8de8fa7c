/**
 * Runs a mocha suite in @vscode/test-electron's format (a module exporting
 * `run()`) inside the real node extension host of code-server, opened in
 * headless Chromium. The workbench reports through two functions the smoke-test
 * driver expects on `window`: codeAutomationLog(type, args) and
 * codeAutomationExit(code). We expose both before the page loads.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { format } from 'node:util';
import { launchChromium } from './browser';
import { startCodeServer } from './codeServer';

export interface ExtensionTestRun {
  codeServerEntry: string;
  /** Absolute path of the extension folder (package.json). */
  extensionPath: string;
  /** Absolute path of the suite's index module, without `.js`. */
  testsPath: string;
  workspace: string;
  trusted: boolean;
  env?: Record<string, string>;
  timeoutMs?: number;
  verbose?: boolean;
  /** Where the whole workbench log is written. */
  logFile?: string;
}

export function testPayloadUrl(origin: string, run: Pick<ExtensionTestRun, 'extensionPath' | 'testsPath' | 'workspace'>): string {
  // The authority of the vscode-remote URIs must equal the host:port the page came from.
  const authority = new URL(origin).host;
  const payload = [
    ['extensionDevelopmentPath', `vscode-remote://${authority}${run.extensionPath}`],
    ['extensionTestsPath', `vscode-remote://${authority}${run.testsPath}`],
    ['skipWelcome', 'true'],
  ];
  return `${origin}/?folder=${encodeURIComponent(run.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Resolves with the suite's exit code (0 when every test passed). */
export async function runExtensionTests(run: ExtensionTestRun): Promise<number> {
  const serverLog: string[] = [];
  const fullLog: string[] = [];
  const server = await startCodeServer({
    entry: run.codeServerEntry,
    workspace: run.workspace,
    trusted: run.trusted,
    env: run.env,
    log: (line) => serverLog.push(line),
  });
  const browser = await launchChromium().catch(async (error) => {
    await server.stop();
    throw error;
  });
  try {
    const page = await browser.newPage();
    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationLog', (_type: string, args: unknown[]) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      fullLog.push(text);
      if (run.verbose || !isWorkbenchChatter(text)) console.log(text);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    // A loaded machine (CI's two cores busy) can take more than Playwright's default 30 s to serve the workbench.
    const response = await page.goto(testPayloadUrl(server.origin, run), { timeout: 180_000 });
    if (!response || response.status() >= 400) {
      throw new Error(`code-server answered ${response?.status()} for the workbench page`);
    }
    const timeoutMs = run.timeoutMs ?? 5 * 60_000;
    const timeout = new Promise<number>((resolve) =>
      setTimeout(() => {
        console.error(`extension tests did not finish within ${timeoutMs} ms; code-server said:\n${serverLog.slice(-40).join('\n')}`);
        resolve(124);
      }, timeoutMs).unref(),
    );
    return await Promise.race([exited, timeout]);
  } finally {
    if (run.logFile) writeLog(run.logFile, [...fullLog, '--- code-server ---', ...serverLog]);
    await browser.close().catch(() => undefined);
    await server.stop();
  }
}

/**
 * The workbench logs a lot that is not the test report: connection chatter,
 * offline sign-in attempts, cancellations at shutdown. The full log goes to
 * `logFile`; the console gets mocha's report and real errors.
 */
function isWorkbenchChatter(text: string): boolean {
  return (
    /^\[[\w:. -]+\]/.test(text) ||
    /^(Creating a socket|Resolving connection|Resolved connection|Updating additional|Creation of workbench|Canceled)/.test(text) ||
    /^\s+at .*https?:\/\//.test(text) ||
    /open-vsx\.org|authentication provider 'github'|ENOTFOUND|getaddrinfo/i.test(text)
  );
}

function writeLog(file: string, lines: string[]): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join('\n')}\n`);
}
