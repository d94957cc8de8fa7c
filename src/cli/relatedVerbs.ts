/** `incident related ID`: the incidents most like one, with why (src/core/search/relatedIncidents.ts). */
import { terminalText } from '../core/text/terminalText';
import { GitRepository } from '../git/gitRepository';
import { relatedIndexOf } from '../workflows/relatedSources';
import { UsageError } from './cliContext';
import { findIncident, loaded, type ReadingVerb, verbArguments } from './verbSupport';

const displayed = (text: string) => terminalText(text, { oneLine: true });

export const RELATED_VERBS: Record<string, ReadingVerb> = {
  related: {
    summary: 'incidents like this one (title, timeline, root cause, postmortem notes, files their cause/fix commits changed), with why; drills only with --include-drills',
    usage: 'incident related ID [--limit N] [--include-drills] [--json]',
    readsOnly: true,
    async run(args, { store, out }) {
      const { values, positionals } = verbArguments(args, {
        limit: { type: 'string', default: '5' },
        json: { type: 'boolean', default: false },
        'include-drills': { type: 'boolean', default: false },
      });
      const incident = findIncident(store, positionals[0]);
      const limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number (got "${values.limit}")`);
      const index = await relatedIndexOf(new GitRepository(store.root), store, loaded(store).incidents, { includeDrills: values['include-drills'] });
      const related = index.relatedTo(incident.id, limit);
      if (values.json) {
        const rounded = (n: number) => Math.round(n * 1000) / 1000;
        out(
          JSON.stringify(
            related.map((r, i) => ({
              rank: i + 1,
              id: r.incident.id,
              title: r.incident.title,
              declaredAt: r.incident.declaredAt,
              score: rounded(r.score),
              text: rounded(r.text),
              files: rounded(r.files),
              sharedWords: r.sharedWords.slice(0, 10),
              sharedFiles: r.sharedFiles,
              why: r.why,
            })),
            null,
            2,
          ),
        );
        return;
      }
      if (!related.length) {
        out(`No incident like ${incident.id} yet.`);
        return;
      }
      out(`Incidents like ${incident.id} (${displayed(incident.title)}):`);
      related.forEach((r, i) => out(`${String(i + 1).padStart(2)}. ${r.incident.id}  ${r.score.toFixed(2)}  ${displayed(r.incident.title)}  (${r.why.map(displayed).join('; ')})`));
    },
  },
};
