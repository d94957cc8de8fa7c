/** The login and channel the SMTP tests share: the test server's user and password, a channel pointed at it, and emails composed as the delivery composes them. */
import { composeMessage, type IncidentEvent } from '../../../src/core/delivery/deliveryMessage';
import { emailMessage, type EmailContent } from '../../../src/core/delivery/emailMessage';
import type { Channel } from '../../../src/core/plan/plan';
import type { Incident } from '../../../src/core/record/schema';
import type { EmailChannel } from '../../../src/workflows/delivery/emailSender';
import type { SmtpTestServer } from '../../harness/smtpServer';
import { deliveryPlan, TEAM_CHANNELS } from '../core/delivery/deliveryStores';

export const SMTP_USER = 'incident-bot';
/** Distinctive, so a leak of it (or of its base64) is found by a plain search. */
export const SMTP_PASSWORD = 'pw-Sup3r$ecret-7f3a';

export const channelFor = (server: SmtpTestServer, overrides: Partial<EmailChannel> = {}): EmailChannel => ({
  host: server.host,
  port: server.port,
  tls: 'starttls',
  from: 'Incidents <incidents@example.com>',
  to: ['oncall@example.com', 'leads@example.com'],
  user: SMTP_USER,
  ...overrides,
});

/** The email of `event` (for an update, the latest unless `updateId` says) to a team channel or `to`, linking to `link` ({{id}} filled). */
export function composedEmail(incident: Incident, event: IncidentEvent, options: { to?: Channel; updateId?: string; link?: string } = {}): EmailContent {
  const plan = deliveryPlan();
  const updateId = options.updateId ?? (event === 'update' ? incident.updates.at(-1)?.id : undefined);
  return emailMessage(
    composeMessage({
      incident,
      event,
      channel: options.to ?? TEAM_CHANNELS[0],
      plan: { ...plan, links: options.link ? { incidentUrl: options.link, publicUrl: options.link } : {} },
      now: new Date(Date.parse(incident.declaredAt) + 60_000),
      ...(updateId ? { updateId } : {}),
    }),
  );
}
