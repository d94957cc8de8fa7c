import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, eventually, workspaceFolder } from './extensionHelpers';

/** A plan with two mistakes the contributed schema knows: a severity that does not exist, and a misspelt key. */
const BAD_PLAN = `{
  "version": 1,
  "triage": {
    "confidentiality": [{ "id": "leak", "text": "Leaked?", "suggestedSeverity": "SEV9" }],
    "integrity": [],
    "availability": [{ "id": "down", "text": "Down?", "sugestedCategory": "performance" }]
  }
}
`;

describe('the response plan in VS Code: the contributed JSON Schema', function () {
  this.timeout(60_000);

  it('squiggles a wrong value and an unknown key in .incidents/plan.json', async () => {
    await activateExtension();
    const file = join(workspaceFolder().fsPath, '.incidents', 'plan.json');
    writeFileSync(file, BAD_PLAN);
    try {
      const uri = vscode.Uri.file(file);
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const diagnostics = await eventually(
        () => {
          const found = vscode.languages.getDiagnostics(uri);
          return found.length >= 2 ? found : undefined;
        },
        'the JSON language service to check the plan against the schema',
        30_000,
      );
      const lines = diagnostics.map((diagnostic) => diagnostic.range.start.line).sort();
      assert.deepEqual(lines, [3, 5], diagnostics.map((diagnostic) => `${diagnostic.range.start.line}: ${diagnostic.message}`).join('\n'));
      const severity = diagnostics.find((diagnostic) => diagnostic.range.start.line === 3);
      assert.equal(BAD_PLAN.split('\n')[3].slice(severity?.range.start.character, severity?.range.end.character), '"SEV9"');
      assert.ok(diagnostics.every((diagnostic) => diagnostic.severity <= vscode.DiagnosticSeverity.Warning));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      rmSync(file, { force: true });
    }
  });
});
