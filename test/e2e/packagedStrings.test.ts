import * as assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeServerEntry, PROJECT_ROOT } from '../harness/projectPaths';
import { installVsix } from './workbench';

describe('the packaged extension’s strings', function () {
  this.timeout(180_000);

  it('installs with l10n/bundle.l10n.json beside the manifest it names, so VS Code can load translations of vscode.l10n.t strings', async () => {
    const extensionsDir = mkdtempSync(join(tmpdir(), 'incident-e2e-l10n-'));
    try {
      installVsix(await codeServerEntry(), extensionsDir);
      const [installed] = readdirSync(extensionsDir).filter((name) => name.startsWith('incident-responder.'));
      assert.ok(installed, `no extension folder in ${readdirSync(extensionsDir).join(', ')}`);
      const manifest = JSON.parse(readFileSync(join(extensionsDir, installed, 'package.json'), 'utf8')) as { l10n?: string };
      assert.equal(manifest.l10n, './l10n');
      const shipped = readFileSync(join(extensionsDir, installed, 'l10n', 'bundle.l10n.json'), 'utf8');
      assert.equal(shipped, readFileSync(join(PROJECT_ROOT, 'l10n', 'bundle.l10n.json'), 'utf8'));
    } finally {
      rmSync(extensionsDir, { recursive: true, force: true });
    }
  });
});
