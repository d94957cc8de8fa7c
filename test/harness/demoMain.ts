/**
 * `npm run demo`: try the extension on this machine. Installs the freshly
 * packaged .vsix into a local code-server, opens a demo git repository with a
 * few incidents, and prints the URL to open. Ctrl+C stops it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCodeServer } from './codeServer';
import { codeServerEntry, PROJECT_ROOT } from './projectPaths';
import { createWorkspace } from './workspaceFixture';

async function main(): Promise<void> {
  const entry = await codeServerEntry();
  const extensionsDir = join(PROJECT_ROOT, '.vscode-test', 'demo-extensions');
  mkdirSync(extensionsDir, { recursive: true });
  const vsix = join(PROJECT_ROOT, 'incident-responder.vsix');
  execFileSync(process.execPath, [entry, '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'], { stdio: 'inherit' });
  const workspace = createWorkspace({ prefix: 'incident-demo-' });
  const server = await startCodeServer({
    entry,
    workspace,
    trusted: true,
    extensionsDir,
    port: process.env.PORT ? Number(process.env.PORT) : 8080,
  });
  console.log(
    [
      '',
      'Incident Responder demo is running.',
      `  Open: ${server.origin}/?folder=${encodeURIComponent(workspace)}`,
      `  Demo repository: ${workspace}`,
      '  Preloaded: a SEV1 checkout outage in progress (INC-1A2B3C4D), a SEV2 nobody has taken yet, a mitigated security incident, a closed one with action items.',
      '  Start here: the flame icon in the activity bar (the Incidents view), click the SEV1, then try "Incident: Post Status Update" from the palette (F1).',
      '  Stop: Ctrl+C',
      '',
    ].join('\n'),
  );
  const stop = () => void server.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
