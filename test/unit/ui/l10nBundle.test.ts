import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../../../..');
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));
const manifest = readJson(join(root, 'package.json')) as { l10n?: string; scripts: Record<string, string> };

describe('the localisable strings of the extension host and its webviews', () => {
  it('ships l10n/bundle.l10n.json as it is generated from the l10n.t calls in src and webview-ui/src (run `npm run l10n` after changing a string)', function () {
    this.timeout(60_000);
    assert.equal(manifest.l10n, './l10n');
    assert.match(manifest.scripts.l10n ?? '', /^vscode-l10n-dev export --outDir \.\/l10n \.\/src \.\/webview-ui\/src$/);
    const outDir = mkdtempSync(join(tmpdir(), 'incidents-l10n-'));
    try {
      // The same export as `npm run l10n`, into a temp folder: the committed bundle must not differ.
      execFileSync(process.execPath, [require.resolve('@vscode/l10n-dev/dist/cli.js'), 'export', '--outDir', outDir, './src', './webview-ui/src'], { cwd: root, stdio: 'pipe' });
      const generated = readJson(join(outDir, 'bundle.l10n.json')) as Record<string, string>;
      // Keys compared as a set: the exporter lists files in directory order, which differs between file systems.
      assert.deepEqual(readJson(join(root, 'l10n/bundle.l10n.json')), generated);
      assert.ok(Object.keys(generated).length > 100, 'the exporter found the strings');
      // The webviews' strings are in it too (webview-ui/src/main.ts, metrics/main.ts): the host hands the webviews this bundle.
      for (const webviewString of ['Add to timeline', 'Incident {0} is no longer in the store.', 'Export CSV', '{0} (the Table tab has the numbers)'])
        assert.ok(webviewString in generated, `the bundle lacks the webview's "${webviewString}"`);
    } finally {
      rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('finds every %key% of package.json in package.nls.json, and uses every key there', () => {
    const keys: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') {
        const key = /^%([^%\s]+)%$/.exec(value)?.[1];
        if (key) keys.push(key);
      } else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect(manifest);
    const nls = readJson(join(root, 'package.nls.json')) as Record<string, string>;
    assert.ok(keys.length > 30, 'the manifest uses package.nls.json');
    assert.deepEqual(
      keys.filter((key) => !(key in nls)),
      [],
      'keys missing from package.nls.json',
    );
    assert.deepEqual(
      Object.keys(nls).filter((key) => !keys.includes(key)),
      [],
      'keys of package.nls.json that nothing uses',
    );
  });
});
