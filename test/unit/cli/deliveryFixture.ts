/** A repository whose plan delivers to every kind (loopback chat receivers and an SMTP server), with the secrets in INCIDENT_SECRET_… while a test runs. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startChatReceivers, type ChatReceivers } from '../../harness/chatReceivers';
import { startSmtpServer, type SmtpTestServer } from '../../harness/smtpServer';
import { emptyRepo } from '../git/repoBuilder';

export const SMTP_PASSWORD = 'smtp-Pa55word-Never-Stored-9f3k';
export const CHAT_KINDS = ['slack', 'teams', 'mattermost', 'discord', 'webhook'] as const;

export interface DeliveryWorld {
  receivers: ChatReceivers;
  smtp: SmtpTestServer;
  caFile: string;
  /** Every secret of the set-up, to grep for. */
  secrets: string[];
  /** The plan's channels, for `.incidents/plan.json`. */
  plan: object;
  stop(): Promise<void>;
}

export async function deliveryWorld(): Promise<DeliveryWorld> {
  const receivers = await startChatReceivers();
  const smtp = await startSmtpServer({ user: 'relay', password: SMTP_PASSWORD });
  const caDir = emptyRepo('incident-ca-');
  const caFile = join(caDir, 'ca.pem');
  writeFileSync(caFile, smtp.ca);
  const channel = (kind: string) => ({
    name: `ops-${kind}`,
    audience: 'ops',
    reach: `#ops-${kind}`,
    delivery:
      kind === 'webhook'
        ? { kind, url: receivers.urls.webhook }
        : kind === 'email'
          ? { kind, host: smtp.host, port: smtp.port, tls: 'starttls', from: 'incidents@example.com', to: ['ops@example.com'], user: 'relay' }
          : { kind },
  });
  const secretValues: Record<string, string> = {
    INCIDENT_SECRET_OPS_SLACK: receivers.urls.slack,
    INCIDENT_SECRET_OPS_TEAMS: receivers.urls.teams,
    INCIDENT_SECRET_OPS_MATTERMOST: receivers.urls.mattermost,
    INCIDENT_SECRET_OPS_DISCORD: receivers.urls.discord,
    INCIDENT_SECRET_OPS_WEBHOOK: receivers.signingKey,
    INCIDENT_SECRET_OPS_EMAIL: SMTP_PASSWORD,
    INCIDENT_SMTP_CA_FILE: caFile,
  };
  const saved = Object.fromEntries(Object.keys(secretValues).map((key) => [key, process.env[key]]));
  Object.assign(process.env, secretValues);
  return {
    receivers,
    smtp,
    caFile,
    secrets: [...Object.values(receivers.tokens), receivers.signingKey, SMTP_PASSWORD],
    plan: { version: 1, channels: [...CHAT_KINDS, 'email'].map(channel) },
    async stop() {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await Promise.all([receivers.stop(), smtp.stop()]);
    },
  };
}

export function writePlan(repo: string, plan: object): void {
  mkdirSync(join(repo, '.incidents'), { recursive: true });
  writeFileSync(join(repo, '.incidents', 'plan.json'), `${JSON.stringify(plan, null, 2)}\n`);
}

/** The number of messages each receiver took (email counted at the SMTP server). */
export const counts = (world: DeliveryWorld): Record<string, number> => ({
  ...Object.fromEntries(CHAT_KINDS.map((kind) => [kind, world.receivers.accepted.filter((request) => request.kind === kind).length])),
  email: world.smtp.received.length,
});
