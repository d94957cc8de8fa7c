/**
 * `incident statuspage --out DIR`: writes the public status page (index.html,
 * style.css, feed.atom, summary.json) from the store and the plan, for CI to
 * publish. Only updates to the plan's public channels appear
 * (src/core/statusPage/publicUpdates.ts). It reads the store and never writes it.
 * The folder is inside the repository (src/store/publishedFiles.ts), or outside
 * it when named by its absolute path with --out-outside-repo, said on stderr.
 */
import { renderStatusPage, STATUS_PAGE_FILES } from '../core/statusPage/renderStatusPage';
import { terminalText } from '../core/text/terminalText';
import { OutputFolderError, outputFolder, writePublishedFiles } from '../store/publishedFiles';
import { UsageError } from './cliContext';
import { planOf } from './incidentLines';
import { loaded, type ReadingVerb, verbArguments } from './verbSupport';

const DEFAULT_NAME = 'Service';

/** `--now`: an ISO time with its zone, so a rebuild for the same moment gives the same bytes on any machine. */
function pageTime(text: string | undefined, now: Date): Date {
  if (text === undefined) return now;
  const at = /(Z|[+-]\d{2}:?\d{2})$/i.test(text.trim()) ? new Date(text.trim()) : new Date(Number.NaN);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--now ${JSON.stringify(text)} is not a time with its zone, like 2026-11-23T18:00:00Z`);
  return at;
}

function pageUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:'))
    throw new UsageError(`--url ${JSON.stringify(text)} is not an http(s) address, like https://status.example.com/`);
  return url.href;
}

/** The refusal in one line, with what to do when the folder is outside the repository. */
function outsideAdvice(error: OutputFolderError): string {
  if (error.outside === 'relative') return `${error.message}; name a folder inside it, or an absolute path with --out-outside-repo`;
  if (error.outside === 'absolute') return `${error.message}; add --out-outside-repo to write the page there`;
  return error.message;
}

export const STATUS_PAGE_VERBS: Record<string, ReadingVerb> = {
  statuspage: {
    summary: "write the public status page (HTML, Atom feed, summary.json) with the updates to the plan's public channels only",
    usage:
      'incident statuspage --out DIR [--out-outside-repo] [--now TIME] [--name TEXT] [--url URL]\n' +
      '       (DIR: a folder inside the repository, relative to its root; a folder outside it only by its absolute path with --out-outside-repo;\n' +
      '        TIME: the moment the page shows, default now)',
    readsOnly: true,
    async run(args, { store, now, out, err }) {
      const { values } = verbArguments(
        args,
        { out: { type: 'string' }, 'out-outside-repo': { type: 'boolean', default: false }, now: { type: 'string' }, name: { type: 'string' }, url: { type: 'string' } },
        false,
      );
      if (!values.out?.trim()) throw new UsageError('--out DIR is required: the folder to write the page into (e.g. --out public)');
      const name = values.name?.trim() || DEFAULT_NAME;
      const options = { now: pageTime(values.now, now()), name, ...(values.url !== undefined ? { url: pageUrl(values.url) } : {}) };
      const plan = planOf(store);
      const files = renderStatusPage({ incidents: loaded(store).incidents }, plan, options);
      try {
        const { folder, outside } = outputFolder(store.root, values.out, values['out-outside-repo']);
        if (outside) err(`incident: writing the status page outside the repository, to ${folder}`);
        writePublishedFiles(folder, files);
      } catch (error) {
        if (error instanceof OutputFolderError) throw new UsageError(outsideAdvice(error));
        throw error;
      }
      const noPublicChannel = plan.channels.some((channel) => channel.public) ? '' : ' No channel of the plan is public, so no update is shown: mark one with "public": true.';
      out(terminalText(`Wrote the status page to ${values.out} (${STATUS_PAGE_FILES.join(', ')}).${noPublicChannel}`, { oneLine: true }));
    },
  },
};
