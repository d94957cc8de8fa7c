/**
 * `incident handoff`: hand command over with a brief for the next commander
 * (src/core/communication/handoff.ts), recorded on the timeline; `incident brief`: the
 * executive or technical brief (src/core/communication/briefs.ts), printed to paste.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audienceBrief, BRIEF_AUDIENCES } from '../core/communication/briefs';
import { handoffBrief, handOverCommand, personProblem } from '../core/communication/handoff';
import { MESSAGE_FORMATS } from '../core/communication/messages';
import { terminalText } from '../core/text/terminalText';
import { UsageError } from './cliContext';
import { planOf } from './incidentLines';
import { personArgument } from './personArgument';
import { FILE_NAME_TOO_LONG, findIncident, oneOf, type AnyVerb, verbArguments } from './verbSupport';

/** The brief a file holds; a file that cannot be read is the user's to fix. */
function briefFromFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENAMETOOLONG') throw new UsageError(FILE_NAME_TOO_LONG('--brief-file'));
    throw new UsageError(`cannot read the brief from ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/**
 * The brief as the person leaves it in their $EDITOR (run through the shell,
 * as git runs it, so "code --wait" works); the file is ours, in a fresh
 * temporary folder, and is passed as an argument, never spliced into the command.
 */
function editedBrief(editor: string, generated: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'incident-handoff-'));
  const file = join(folder, 'HANDOFF.md');
  try {
    writeFileSync(file, generated);
    const run =
      process.platform === 'win32'
        ? spawnSync(`${editor} "${file}"`, { stdio: 'inherit', shell: true })
        : spawnSync('/bin/sh', ['-c', `${editor} "$1"`, 'editor', file], { stdio: 'inherit' });
    if (run.status !== 0) throw new UsageError(`the editor (${editor}) did not exit cleanly; nothing recorded`);
    return readFileSync(file, 'utf8');
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

export const HANDOFF_VERBS: Record<string, AnyVerb> = {
  handoff: {
    summary: 'hand command over: write the handoff brief (edited in $EDITOR on a terminal), record it on the timeline and make PERSON the commander',
    usage: 'incident handoff ID --to PERSON [--brief-file FILE | --edit-free] [--dry-run]',
    async run(args, { store, now, author, out, err }) {
      const { values, positionals } = verbArguments(args, {
        to: { type: 'string' },
        'brief-file': { type: 'string' },
        'edit-free': { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
      });
      const incident = findIncident(store, positionals[0]);
      if (values.to === undefined) throw new UsageError('say who takes command: --to PERSON ("Name <email>" or a handle)');
      const problem = personProblem(values.to);
      if (problem) throw new UsageError(`--to: ${problem}`);
      const to = await personArgument(values.to, '--to', store, author, err);
      if (incident.roles.commander === to) throw new UsageError(`${to} is already the commander of ${incident.id}`);
      if (values['brief-file'] !== undefined && values['edit-free']) throw new UsageError('use --brief-file FILE or --edit-free, not both');
      const at = now();
      const generated = handoffBrief(incident, planOf(store), { now: at, to });
      const editor = process.env.EDITOR?.trim();
      const brief =
        values['brief-file'] !== undefined
          ? briefFromFile(values['brief-file'])
          : editor && !values['edit-free'] && !values['dry-run'] && process.stdin.isTTY === true && process.stdout.isTTY === true
            ? editedBrief(editor, generated)
            : generated;
      if (!brief.trim()) throw new UsageError('the brief is empty; nothing recorded');
      out(terminalText(brief.trimEnd()));
      if (values['dry-run']) return;
      await store.update(incident.id, (current) => handOverCommand(current, { to, brief, at, author }));
      out('');
      out(`${terminalText(to, { oneLine: true })} is now the commander of ${incident.id}; the hand-over and its brief are on the timeline`);
    },
  },
  brief: {
    readsOnly: true,
    summary: "an executive brief (impact, customer effect, ETA, next update) or a technical one (conditions, actions, needs, open tasks), for the plan's channels",
    usage: `incident brief ID --for ${BRIEF_AUDIENCES.join('|')} [--format ${MESSAGE_FORMATS.join('|')}]`,
    async run(args, { store, now, out }) {
      const { values, positionals } = verbArguments(args, { for: { type: 'string' }, format: { type: 'string', default: 'markdown' } });
      const incident = findIncident(store, positionals[0]);
      const audience = oneOf(values.for, BRIEF_AUDIENCES, '--for');
      const format = oneOf(values.format, MESSAGE_FORMATS, '--format');
      out(terminalText(audienceBrief(incident, planOf(store), audience, format, now())));
    },
  },
};
