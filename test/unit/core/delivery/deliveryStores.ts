/** Plans and channels for the delivery tests: a team channel, a customers channel, a public channel whose audience has no customer word, each with a delivery. */
import type { Channel } from '../../../../src/core/plan/plan';
import { defaultPlan } from '../../../../src/core/plan/plan';
import type { DeliveryKind } from '../../../../src/core/delivery/deliveryKinds';

export const LINKS = { incidentUrl: 'https://github.com/acme/shop/blob/main/.incidents/incidents.json#{{id}}', publicUrl: 'https://status.acme.example/#{{id}}' };

export function channel(name: string, audience: string, kind: Exclude<DeliveryKind, 'email'> = 'slack', extra: Partial<Channel> = {}): Channel {
  const delivery = kind === 'webhook' ? { kind, url: 'https://hooks.example.net/incidents' } : { kind };
  return { name, audience, reach: `#${name}`, delivery, ...extra } as Channel;
}

/** The plan's severities, with who must be told of a SEV1 (internal names, which outside readers never see). */
export function deliveryPlan() {
  const plan = defaultPlan();
  return {
    ...plan,
    severities: { ...plan.severities, SEV1: { ...plan.severities.SEV1, notify: ['SECRET-NOTIFY <vp@example.com>'] } },
    channels: [channel('incident-command', 'responders'), channel('stakeholders', 'stakeholders'), channel('status', 'customers')],
    links: LINKS,
  };
}

/** Channels read outside the team: by audience word, by name, and marked public with a neutral audience. */
export const OUTSIDE_CHANNELS: Channel[] = [channel('customers-chat', 'customers'), channel('status page', 'everyone'), channel('acme-shared', 'acme', 'slack', { public: true })];
export const TEAM_CHANNELS: Channel[] = [channel('incident-command', 'responders'), channel('stakeholders', 'stakeholders')];
