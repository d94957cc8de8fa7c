/**
 * `incident intake serve`: the intake receiver as a long-running process.
 * It listens on loopback unless told otherwise, refuses to start without a
 * secret (a bearer token from INCIDENT_INTAKE_TOKEN or --token-file, or
 * Sentry's or Grafana's signing secret), takes each alert into the store
 * through the same workflow as `incident intake`, shares it with the team
 * when the store's sync block turns team sync on, and on SIGTERM or SIGINT
 * stops accepting, finishes and answers what it accepted, gives what is
 * unshared a last try and exits 0. Log lines go to stderr, one per request
 * and one per sync, each with its time; the address goes to stdout.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { IntakeWritePlan } from '../workflows/alertIntake';
import type { IncidentStore } from '../store/incidentStore';
import { planInForce, planRelativePath } from '../store/planFile';
import { GitCommand } from '../git/gitCommand';
import { GitRepository } from '../git/gitRepository';
import { leaveSignalsToTheProgram, releaseHeldLocks } from '../store/storeLock';
import { AlertReceiver } from '../workflows/alertReceiver';
import { AlertSharing } from '../workflows/alertSharing';
import { GRAFANA_SIGNATURE_HEADER, IntakeCredentials, type IntakeSecrets } from '../workflows/intakeCredentials';
import { UsageError, type CliContext } from './cliContext';
import { startIntakeServer } from './intakeServer';
import { stderrLine } from './output';
import { backgroundDeliveries, cliWriter } from './planNotices';
import { verbArguments } from './verbSupport';

const DEFAULT_LISTEN = '127.0.0.1:9095';
const MIN_TOKEN_LENGTH = 16;
const NO_SECRET =
  'intake serve needs a secret: a bearer token in INCIDENT_INTAKE_TOKEN or --token-file FILE (e.g. openssl rand -hex 32), or INCIDENT_INTAKE_SENTRY_SECRET / INCIDENT_INTAKE_GRAFANA_SECRET; it never runs open';

export async function serveIntake(args: string[], { store, author, out, err }: CliContext): Promise<void> {
  const { values } = verbArguments(args, { listen: { type: 'string', default: DEFAULT_LISTEN }, 'token-file': { type: 'string' } }, false);
  const { host, port } = parseListen(values.listen);
  const credentials = new IntakeCredentials(readSecrets(values['token-file']));
  if (!credentials.any) throw new UsageError(NO_SECRET);
  const log = (line: string) => (err ?? stderrLine)(`${new Date().toISOString()} ${line}`);

  // SIGTERM must let accepted writes finish, not exit in the middle of one.
  leaveSignalsToTheProgram();
  const sharing = new AlertSharing({ store, git: new GitCommand(store.root), who: author, log });
  // An incident an alert declares is told to the channels its severity notifies, in the background, after the sender has its answer.
  const delivering = backgroundDeliveries(
    store,
    () => new Date(),
    author,
    (line) => log(line.replace(/^incident: /, '')),
    () => sharing.syncNow(),
  );
  const receiver = new AlertReceiver(
    { store, plan: intakePlanReader(store, log), trackedFiles: () => new GitRepository(store.root).trackedFiles(), deliveries: cliWriter(store).deliveries },
    (taken) => {
      if (taken.outcome !== 'ignored') sharing.changed();
      if (taken.deliveries && taken.incidentId) delivering.deliver(taken.incidentId);
    },
  );
  const read = store.read();
  if (read.kind === 'unusable') log(`warning: the store cannot be used now (${read.message}); requests get 503 until it is fixed`);

  let server;
  try {
    server = await startIntakeServer({ host, port, credentials, receiver, log });
  } catch (error) {
    throw listenFailure(error, values.listen);
  }
  const shown = server.host.includes(':') ? `[${server.host}]` : server.host;
  out(`incident intake serve: listening on http://${shown}:${server.port} (${credentials.describe()})`);
  if (!isLoopback(server.host)) log('warning: listening beyond this machine on plain HTTP; put a TLS proxy in front of it');
  sharing.start();

  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  // A second signal ends it at once, giving back the store's lock if a write holds it.
  const now = (again: NodeJS.Signals) => {
    releaseHeldLocks();
    process.exit(again === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGTERM', now);
  process.once('SIGINT', now);
  // The listening socket closes at once; the rest when the accepted requests are answered.
  const closed = server.close();
  log(`${signal}: not accepting new requests; finishing the ones accepted`);
  await closed;
  await receiver.idle();
  await delivering.finished();
  await sharing.stop();
  log('stopped');
}

/**
 * The plan as intake reads it (rules, categories, runbooks; never the SLA, so
 * the store is not read for its policy), read again only when the plan file
 * changed: a request costs a stat, not a parse. A plan that cannot be used is
 * said once per problem, and the defaults apply, as everywhere else.
 */
function intakePlanReader(store: IncidentStore, log: (line: string) => void): () => IntakeWritePlan {
  const file = join(store.root, planRelativePath(store.relativeDir));
  let known: { identity: string; plan: IntakeWritePlan } | undefined;
  let said: string | undefined;
  return () => {
    let identity = 'missing';
    try {
      const stats = statSync(file, { bigint: true });
      identity = `${stats.ino}:${stats.size}:${stats.mtimeNs}:${stats.ctimeNs}`;
    } catch {
      // No plan file: the defaults.
    }
    if (known?.identity === identity) return known.plan;
    const { plan, problem } = planInForce(store.root, store.relativeDir, undefined);
    if (problem && problem !== said) log(`warning: ${problem}; the response plan cannot be used, so the defaults apply ("incident plan check" lists every problem)`);
    said = problem;
    known = { identity, plan };
    return plan;
  };
}

/** HOST:PORT, [IPv6]:PORT; port 0 lets the system choose (the address printed says which). */
function parseListen(listen: string): { host: string; port: number } {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(listen);
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw new UsageError(`--listen must be HOST:PORT, such as ${DEFAULT_LISTEN} or [::1]:9095 (got "${listen.slice(0, 100)}")`);
  return { host: match[1] ?? match[2], port };
}

function isLoopback(host: string): boolean {
  return /^127\./.test(host) || host === '::1' || host === '::ffff:127.0.0.1' || host === 'localhost';
}

/** The secrets from the environment (taken out of it, so no git process inherits them) and the token file. */
function readSecrets(tokenFile: string | undefined): IntakeSecrets {
  const take = (name: string) => {
    const value = process.env[name]?.trim();
    delete process.env[name];
    return value || undefined;
  };
  const envToken = take('INCIDENT_INTAKE_TOKEN');
  const sentrySecret = take('INCIDENT_INTAKE_SENTRY_SECRET');
  const grafanaSecret = take('INCIDENT_INTAKE_GRAFANA_SECRET');
  const signatureHeader = take('INCIDENT_INTAKE_GRAFANA_SIGNATURE_HEADER') ?? GRAFANA_SIGNATURE_HEADER;
  const timestampHeader = take('INCIDENT_INTAKE_GRAFANA_TIMESTAMP_HEADER');
  if (envToken !== undefined && tokenFile !== undefined) throw new UsageError('give the token one way: INCIDENT_INTAKE_TOKEN or --token-file, not both');
  const token = tokenFile !== undefined ? readTokenFile(tokenFile) : envToken;
  if (token !== undefined) checkToken(token, tokenFile ?? 'INCIDENT_INTAKE_TOKEN');
  return {
    ...(token && { token }),
    ...(sentrySecret && { sentrySecret }),
    ...(grafanaSecret && { grafana: { secret: grafanaSecret, signatureHeader, ...(timestampHeader && { timestampHeader }) } }),
  };
}

function readTokenFile(file: string): string {
  try {
    const stats = statSync(file);
    if (!stats.isFile()) throw new UsageError(`--token-file ${file} is not a file`);
    if (process.platform !== 'win32' && stats.mode & 0o077) {
      throw new UsageError(`--token-file ${file} can be read by others (mode ${(stats.mode & 0o777).toString(8)}); make it yours alone: chmod 600 ${file}`);
    }
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read --token-file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function checkToken(token: string, where: string): void {
  if (!token) throw new UsageError(`${where} holds no token; make one with openssl rand -hex 32`);
  if (/\s/.test(token) || token.length < MIN_TOKEN_LENGTH)
    throw new UsageError(`the token in ${where} must be at least ${MIN_TOKEN_LENGTH} characters without spaces (e.g. openssl rand -hex 32)`);
}

function listenFailure(error: unknown, listen: string): Error {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'EADDRINUSE'
      ? 'the port is in use'
      : code === 'EACCES'
        ? 'permission denied (ports below 1024 need privileges)'
        : code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND'
          ? 'that is not an address of this machine'
          : (code ?? (error as Error).message);
  return new UsageError(`cannot listen on ${listen}: ${why}`);
}
