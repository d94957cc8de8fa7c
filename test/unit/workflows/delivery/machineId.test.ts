/** This machine's id: INCIDENT_MACHINE_ID, else one made once in the user's config directory (0600), never in the repository. */
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineId } from '../../../../src/workflows/delivery/machineId';

describe('machineId', () => {
  it('makes an id once in ~/.config/incident-responder/machine-id, readable by the user only, and keeps it', () => {
    const home = mkdtempSync(join(tmpdir(), 'incident-home-'));
    const first = machineId({}, home);
    const file = join(home, '.config', 'incident-responder', 'machine-id');
    assert.equal(readFileSync(file, 'utf8').trim(), first);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(machineId({}, home), first);
    assert.notEqual(machineId({}, mkdtempSync(join(tmpdir(), 'incident-home-'))), first, 'another machine, another id');
  });

  it('takes INCIDENT_MACHINE_ID when set, and refuses one that is not a name', () => {
    const home = mkdtempSync(join(tmpdir(), 'incident-home-'));
    assert.equal(machineId({ INCIDENT_MACHINE_ID: 'ci-runner-7' }, home), 'ci-runner-7');
    assert.throws(() => machineId({ INCIDENT_MACHINE_ID: '--upload-pack=x y' }, home), /INCIDENT_MACHINE_ID must be letters, digits/);
  });
});
