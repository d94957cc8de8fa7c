import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommandId, WRITING_COMMANDS } from '../../../src/ui/commands/commandIds';

interface ManifestCommand {
  command: string;
  enablement?: string;
}
const manifest = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { contributes: { commands: ManifestCommand[] } };
const declared = manifest.contributes.commands;

describe('the command table and the manifest', () => {
  it('declares every command the extension registers, and registers every command the manifest declares', () => {
    assert.deepEqual(declared.map((c) => c.command).sort(), Object.values(CommandId).sort());
  });

  it('disables in Restricted Mode exactly the commands that write the store or run git', () => {
    const trustedOnly = declared.filter((c) => /\bisWorkspaceTrusted\b/.test(c.enablement ?? '')).map((c) => c.command);
    assert.deepEqual(trustedOnly.sort(), [...WRITING_COMMANDS].sort());
  });
});
