/** `incident intake`: one alert notification (Alertmanager, Grafana, Sentry, or a mapped JSON body) taken into the store; `incident intake serve` runs the HTTP receiver (intakeServeVerb.ts). */
import { readFileSync } from 'node:fs';
import { ALERT_SOURCES, type AlertSource } from '../core/intake/receivedAlert';
import { terminalText } from '../core/text/terminalText';
import { STORE_SCHEMA_VERSION } from '../core/record/schema';
import { GitRepository } from '../git/gitRepository';
import { previewAlert, takeAlert, type TakenAlert } from '../workflows/alertIntake';
import { UsageError } from './cliContext';
import { planOf } from './incidentLines';
import { stderrLine } from './output';
import { cliWriter, deliverUnlessTold, sayRunbooksLeftOut } from './planNotices';
import { sayProposedCommander } from './oncallNotices';
import { FILE_NAME_TOO_LONG, loaded, oneOf, type Verb, verbArguments } from './verbSupport';

/** The largest notification read: Alertmanager's 500 alerts with long annotations stay far below it. */
export const INTAKE_BODY_LIMIT = 5_000_000;

async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > INTAKE_BODY_LIMIT) throw new UsageError(`the notification is larger than ${INTAKE_BODY_LIMIT.toLocaleString('en')} bytes; nothing was written`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function readBody(file: string | undefined): Promise<Buffer> | Buffer {
  if (file === undefined) return readStdin();
  try {
    const bytes = readFileSync(file);
    if (bytes.length > INTAKE_BODY_LIMIT) throw new UsageError(`${file} is larger than ${INTAKE_BODY_LIMIT.toLocaleString('en')} bytes; nothing was written`);
    return bytes;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENAMETOOLONG') throw new UsageError(FILE_NAME_TOO_LONG('--file'));
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function parseBody(bytes: Buffer, where: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8').replace(/^\ufeff/, ''));
  } catch (error) {
    throw new UsageError(`${where} is not JSON: ${(error as Error).message}; nothing was written`);
  }
}

const one = (text: string) => terminalText(text, { oneLine: true });

/** What happened, in one line for people. */
function describe(taken: Omit<TakenAlert, 'runbooksLeftOut' | 'deliveries'>, dryRun: boolean): string {
  const { incident } = taken.decision;
  const verb = dryRun ? 'would' : '';
  const counts = `${taken.counts.new} new alert(s), ${taken.counts.changed} changed, ${taken.counts.repeats} repeat(s)`;
  switch (taken.outcome) {
    case 'declared':
      return `${dryRun ? 'Would declare' : 'Declared'} ${taken.incidentId} (${incident.severity} ${incident.category}${incident.type ? ` ${incident.type}` : ''}${incident.drill ? ', drill' : ''}): ${one(incident.title)}; ${counts}; ${one(taken.reason)}${taken.earlier ? `; fired again after ${taken.earlier}` : ''}`;
    case 'attached':
      return `${dryRun ? 'Would add to' : 'Added to'} ${taken.incidentId}: ${counts}`;
    default:
      return `${verb ? 'Would write nothing' : 'Nothing written'}: ${one(taken.reason)}`;
  }
}

/** The receiver's usage (intakeServeVerb.ts), here so that `incident intake --help` loads no http code. */
const SERVE_USAGE =
  'incident intake serve [--listen HOST:PORT] [--token-file FILE]   (default 127.0.0.1:9095; the bearer token from INCIDENT_INTAKE_TOKEN or FILE, and/or the signing secrets INCIDENT_INTAKE_SENTRY_SECRET, INCIDENT_INTAKE_GRAFANA_SECRET)';

export const INTAKE_VERBS: Record<string, Verb> = {
  intake: {
    summary:
      'take an alert notification (Alertmanager, Grafana, Sentry, or JSON mapped by the plan) into the store: open, join or count; `intake serve` receives their webhooks over HTTP',
    usage: `incident intake [--source ${ALERT_SOURCES.join('|')}] (--file FILE | -) [--dry-run] [--json] [--no-deliver]   (- reads stdin; the source is detected when not given)   |   ${SERVE_USAGE}`,
    async run(args, context) {
      // The receiver: loaded only when asked for, with the http module and the sync it brings.
      if (args[0] === 'serve') return (await import('./intakeServeVerb')).serveIntake(args.slice(1), context);
      const { store, out, now, author, err } = context;
      const { values, positionals } = verbArguments(args, {
        source: { type: 'string' },
        file: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        'no-deliver': { type: 'boolean', default: false },
      });
      const fromStdin = positionals[0] === '-';
      if (positionals.length > (fromStdin ? 1 : 0) || fromStdin === (values.file !== undefined))
        throw new UsageError('name the notification with --file FILE, or - to read it from stdin');
      const source: AlertSource | undefined = values.source === undefined ? undefined : oneOf(values.source as string, ALERT_SOURCES, '--source');
      const body = parseBody(await readBody(values.file), values.file ?? 'stdin');
      const dryRun = values['dry-run'] === true;
      const plan = planOf(store);
      let taken: Omit<TakenAlert, 'runbooksLeftOut' | 'deliveries'>;
      let queued = 0;
      if (dryRun) {
        taken = previewAlert(body, plan, { version: STORE_SCHEMA_VERSION, ...loaded(store) }, source);
        const proposed = taken.proposedCommander;
        if (proposed && !values.json) (err ?? stderrLine)(`incident: would ${proposed.assign ? 'make' : 'propose'} ${one(proposed.person)} commander, ${proposed.why}`);
      } else {
        const written = await takeAlert(
          { store, plan: () => plan, trackedFiles: () => new GitRepository(store.root).trackedFiles(), deliveries: cliWriter(store).deliveries },
          body,
          source,
        );
        sayRunbooksLeftOut(written.runbooksLeftOut);
        if (written.outcome === 'declared') sayProposedCommander(written.proposedCommander, written.proposedCommander?.assign ? written.proposedCommander.person : undefined, err);
        taken = written;
        queued = written.deliveries;
      }
      if (values.json) {
        const { incident } = taken.decision;
        out(
          JSON.stringify({
            outcome: taken.outcome,
            incident: taken.incidentId ?? null,
            reason: taken.reason,
            rule: incident.rule ?? null,
            severity: incident.severity,
            category: incident.category,
            title: incident.title,
            counts: taken.counts,
            allResolved: taken.allResolved,
            earlier: taken.earlier ?? null,
            dryRun,
          }),
        );
      } else {
        out(describe(taken, dryRun));
        if (dryRun) for (const { alert, decision } of taken.decision.alerts) out(`  ${one(alert.labels.alertname ?? alert.fingerprint)} (${alert.state}): ${one(decision.reason)}`);
      }
      if (taken.allResolved && taken.incidentId && !dryRun)
        stderrLine(`incident: every alert of ${taken.incidentId} has resolved; if the impact has stopped: incident status ${taken.incidentId} mitigated`);
      if (queued && taken.incidentId) await deliverUnlessTold(store, taken.incidentId, queued, values['no-deliver'], { now, author, err });
    },
  },
};
