/** `incident evidence`: an error or a log (a file, or stdin) recorded as evidence with its stack frames. */
import { readFileSync } from 'node:fs';
import { TRACE_TEXT_LIMIT } from '../core/code/stackTraces';
import { terminalText } from '../core/text/terminalText';
import { addTimelineEvent } from '../core/lifecycle/timeline';
import { GitRepository } from '../git/gitRepository';
import { evidenceFromError } from '../workflows/errorEvidence';
import { UsageError } from './cliContext';
import { FILE_NAME_TOO_LONG, findIncident, type Verb, verbArguments } from './verbSupport';

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    // Past what the parser reads, the rest is drained unread.
    if (size < TRACE_TEXT_LIMIT) chunks.push(chunk);
    size += chunk.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

export const EVIDENCE_VERBS: Record<string, Verb> = {
  evidence: {
    summary: 'record an error or log as evidence: its stack frames mapped to files here (ranks suspects by those lines)',
    usage: 'incident evidence ID (--file FILE | -)   (- reads stdin)',
    async run(args, { store, now, author, out }) {
      const { values, positionals } = verbArguments(args, { file: { type: 'string' } });
      const incident = findIncident(store, positionals[0]);
      const fromStdin = positionals[1] === '-';
      if (positionals.length > (fromStdin ? 2 : 1) || fromStdin === (values.file !== undefined))
        throw new UsageError('name the trace with --file FILE, or - to read it from stdin');
      let text: string;
      try {
        text = fromStdin ? await readStdin() : readFileSync(values.file as string, 'utf8').slice(0, TRACE_TEXT_LIMIT);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENAMETOOLONG') throw new UsageError(FILE_NAME_TOO_LONG('--file'));
        throw new UsageError(`cannot read ${values.file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      if (!text.trim()) throw new UsageError('the trace is empty');
      const event = await evidenceFromError(new GitRepository(store.root), text, fromStdin ? 'stdin' : 'file');
      await store.update(incident.id, (current) => addTimelineEvent(current, event, { at: now(), author }));
      out(`Added evidence to ${incident.id}: ${terminalText(event.text.split('\n')[0], { oneLine: true })}`);
    },
  },
};
