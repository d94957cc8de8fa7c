/** Verbs that read git history: reference scans and suspect commits. */
import { compileReferencePatterns } from '../core/code/references';
import { lineReason } from '../core/code/suspectRanking';
import { terminalText } from '../core/text/terminalText';
import { InvalidRevisionError } from '../git/errors';
import { GitRepository } from '../git/gitRepository';
import { syncReferences } from '../workflows/referenceSync';
import { ownersForSuspects } from '../workflows/suspectOwners';
import { findSuspects, NoSuspectRangeError } from '../workflows/suspects';
import { evidenceOwnerLines } from './ownerLines';
import { UsageError } from './cliContext';
import { findIncident, loaded, type Verb, verbArguments } from './verbSupport';

const short = (sha: string) => sha.slice(0, 8);
/** Commit subjects and authors come from anyone's commits: shown, never obeyed, by the terminal. */
const displayed = (text: string) => terminalText(text, { oneLine: true });

export const GIT_VERBS: Record<string, Verb> = {
  scan: {
    summary: 'link commits whose message has an "Incident: INC-…" trailer, close "Closes-Action:" items, list mere mentions',
    usage: 'incident scan [--full] [--pattern REGEX]... [--json]   (incremental unless --full)',
    async run(args, { store, now, author, out }) {
      const { values } = verbArguments(
        args,
        { full: { type: 'boolean', default: false }, pattern: { type: 'string', multiple: true, default: [] }, json: { type: 'boolean', default: false } },
        false,
      );
      const { patterns, errors } = compileReferencePatterns(values.pattern);
      if (errors.length) throw new UsageError(`--pattern ${errors[0].source}: ${errors[0].message}`);
      const result = await syncReferences(new GitRepository(store.root), store, { full: values.full, extraPatterns: patterns, context: () => ({ at: now(), author }) });
      if (values.json) {
        out(JSON.stringify(result, null, 2));
        return;
      }
      if (!result.storeExists) {
        out('No incident store yet: nothing to link.');
        return;
      }
      out(`Scanned ${result.full ? 'the whole history' : 'new commits'}: ${result.referencingCommits} commit(s) name an incident or an action item.`);
      for (const link of result.linked) out(`linked   ${short(link.sha)} to ${link.incidentId} as ${link.relation}`);
      for (const closed of result.closedActions) out(`closed   action ${closed.actionId} of ${closed.incidentId} by ${short(closed.sha)}`);
      for (const offer of result.offered)
        out(`mention  ${short(offer.commit.sha)} names ${offer.incidentId}: ${displayed(offer.commit.subject)}   (incident link ${offer.incidentId} ${short(offer.commit.sha)})`);
      for (const id of result.unknownIncidents) out(`unknown  ${id} is named in a trailer but not in this store`);
    },
  },
  suspects: {
    summary: 'commits between the last good deploy and the bad one, ranked by the lines, then the files, the evidence names; with their CODEOWNERS',
    usage: 'incident suspects ID [--good REV] [--bad REV] [--path FILE]... [--limit N] [--json]',
    async run(args, { store, out }) {
      const { values, positionals } = verbArguments(args, {
        good: { type: 'string' },
        bad: { type: 'string' },
        path: { type: 'string', multiple: true, default: [] },
        limit: { type: 'string', default: '20' },
        json: { type: 'boolean', default: false },
      });
      const incident = findIncident(store, positionals[0]);
      const limit = Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number (got "${values.limit}")`);
      try {
        const repo = new GitRepository(store.root);
        const answer = await findSuspects(repo, incident, loaded(store).deploys, { good: values.good, bad: values.bad, extraPaths: values.path, limit });
        const shown = answer.suspects;
        const total = answer.more ? await repo.countBetween(answer.good, answer.bad) : shown.length;
        const owners = ownersForSuspects(store.root, incident, shown);
        if (values.json) {
          const suspects = shown.map(({ commit, score, matchedFiles, changedLines, reason }) => ({
            ...commit,
            score,
            matchedFiles,
            ...(changedLines && { changedLines }),
            ...(reason && { reason }),
            ...(owners.suspects.has(commit.sha) && { owners: owners.suspects.get(commit.sha) }),
          }));
          out(JSON.stringify({ range: answer.rangeText, total, suspects, ...(owners.source && { codeOwners: owners.source, evidenceOwners: owners.evidence }) }, null, 2));
          return;
        }
        out(`${total} commit(s) in ${answer.rangeText}${total > shown.length ? `, the first ${shown.length} by rank` : ''}:`);
        for (const { commit, score, matchedFiles, changedLines } of shown) {
          // A line change says which line; a file change keeps the words it always had ("touches").
          const why = changedLines?.length ? `  ${lineReason(changedLines)}` : matchedFiles.length ? `  touches ${matchedFiles.join(', ')}` : '';
          const owned = owners.suspects.get(commit.sha)?.length ? `  owners ${displayed(owners.suspects.get(commit.sha)?.join(' ') ?? '')}` : '';
          out(`${short(commit.sha)}  ${score.toFixed(2).padStart(5)}  ${displayed(commit.subject)}  (${displayed(commit.author)})${why}${owned}`);
        }
        evidenceOwnerLines(owners).forEach((line) => out(line));
      } catch (error) {
        if (error instanceof InvalidRevisionError || error instanceof NoSuspectRangeError) throw new UsageError(error.message);
        throw error;
      }
    },
  },
};
