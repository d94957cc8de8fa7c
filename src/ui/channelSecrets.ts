/**
 * Channel secrets in the editor: webhook URLs, SMTP passwords and signing
 * keys kept in VS Code's SecretStorage (the operating system's keychain),
 * under the name the plan gives each channel (`delivery.secret`, else the
 * channel's name); never in settings.json, the store or a log line. The
 * extension host's INCIDENT_SECRET_<NAME> variable counts too (the same one
 * the command line reads), after what the person stored.
 *
 * A stored secret the plan sends to an address of its own (an SMTP password,
 * a signing or routing key, the tracker's token) is kept with that address
 * (src/core/delivery/secretDestination.ts) and never sent elsewhere: when the
 * plan's address changes, the secret is withheld, the person is told once,
 * and setting the secret again sends it to the new one. A secret stored
 * before addresses were kept takes the first one it is used for.
 */
import * as vscode from 'vscode';
import { channelSecretName, providerName, secretEnvironmentVariable, URL_SECRET_KINDS, type DeliveryKind } from '../core/delivery/deliveryKinds';
import type { Channel } from '../core/plan/plan';
import { secretDestination } from '../core/delivery/secretDestination';
import { MIN_SIGNING_KEY_LENGTH, PAGERDUTY_ROUTING_KEY, webhookUrl } from '../workflows/delivery/sendToChannel';

const KEY_PREFIX = 'incidents.channelSecret/';
const DESTINATION_PREFIX = 'incidents.channelSecretFor/';

/** A stored secret withheld because the plan now sends it to another address than the one it was set for. */
export interface MovedSecret {
  name: string;
  setFor: string;
  planSays: string;
}
const SECRET_MAX = 4096;

/** What the secret of a channel of this kind is, for the input box. */
function secretWhat(kind: DeliveryKind): string {
  if (URL_SECRET_KINDS.includes(kind)) return vscode.l10n.t('the incoming webhook URL {0} gave you', providerName(kind));
  if (kind === 'webhook') return vscode.l10n.t('the HMAC-SHA256 signing key your receiver checks');
  if (kind === 'pagerduty') return vscode.l10n.t("the integration key (routing key) of the PagerDuty service's Events API v2 integration");
  return vscode.l10n.t('the SMTP password');
}

/** Why a typed secret cannot be used, or undefined. */
export function secretProblem(kind: DeliveryKind, value: string): string | undefined {
  if (!value) return vscode.l10n.t('Paste the secret, or press Escape.');
  if (value.length > SECRET_MAX || /[\r\n]/.test(value)) return vscode.l10n.t('A secret is one line of at most {0} characters.', SECRET_MAX);
  // The same checks the sender makes (src/workflows/delivery/sendToChannel.ts), so a secret that cannot work is refused as it is typed.
  if (URL_SECRET_KINDS.includes(kind) && !webhookUrl(value))
    return URL.canParse(value) ? vscode.l10n.t('A webhook URL starts with https://') : vscode.l10n.t('This is not a URL; paste the whole webhook URL.');
  if (kind === 'webhook' && value.length < MIN_SIGNING_KEY_LENGTH) return vscode.l10n.t('A signing key has at least {0} characters.', MIN_SIGNING_KEY_LENGTH);
  if (kind === 'pagerduty' && !PAGERDUTY_ROUTING_KEY.test(value)) return vscode.l10n.t('A PagerDuty routing key is 32 letters and digits.');
  return undefined;
}

export class ChannelSecrets {
  constructor(
    private readonly storage: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
    /** Told when a stored secret is withheld because the plan moved its address. */
    private readonly onMoved: (moved: MovedSecret) => void = () => undefined,
  ) {}

  /**
   * The secret stored under this name, else the environment's, else undefined. With the address it is
   * about to go to: a stored secret set for another address is withheld (the environment's still counts).
   */
  async get(name: string, destination?: string): Promise<string | undefined> {
    const stored = await this.storage.get(KEY_PREFIX + name);
    if (stored && (await this.goesTo(name, destination))) return stored;
    const variable = secretEnvironmentVariable(name);
    return (variable && this.env[variable]) || undefined;
  }

  /** Whether a stored secret may go to `destination`; one stored before addresses were kept takes this one. */
  private async goesTo(name: string, destination: string | undefined): Promise<boolean> {
    if (destination === undefined) return true;
    const setFor = await this.storage.get(DESTINATION_PREFIX + name);
    if (setFor === undefined) await this.storage.store(DESTINATION_PREFIX + name, destination);
    if (setFor === undefined || setFor === destination) return true;
    this.onMoved({ name, setFor, planSays: destination });
    return false;
  }

  async has(name: string): Promise<boolean> {
    return (await this.get(name)) !== undefined;
  }

  /** Stores the secret, with the address it is set for when the plan gives one. */
  async store(name: string, value: string, destination?: string): Promise<void> {
    await this.storage.store(KEY_PREFIX + name, value);
    if (destination === undefined) await this.storage.delete(DESTINATION_PREFIX + name);
    else await this.storage.store(DESTINATION_PREFIX + name, destination);
  }

  async remove(name: string): Promise<void> {
    await this.storage.delete(KEY_PREFIX + name);
    await this.storage.delete(DESTINATION_PREFIX + name);
  }

  /**
   * The secrets of these channels, read once for a delivery run (the loop asks synchronously), each for the
   * address its channel sends it to; a name two channels share is withheld when either would move it.
   */
  async snapshot(channels: readonly Channel[]): Promise<Map<string, string>> {
    const delivered = channels.filter((channel) => channel.delivery);
    const values = await Promise.all(
      delivered.map(async (channel) => [channelSecretName(channel), await this.get(channelSecretName(channel), secretDestination(channel.delivery))] as const),
    );
    const withheld = new Set(values.filter(([, value]) => value === undefined).map(([name]) => name));
    return new Map(values.filter((entry): entry is readonly [string, string] => entry[1] !== undefined && !withheld.has(entry[0])));
  }

  /**
   * *Set Channel Secret…*: pick one of the plan's delivered channels (each
   * says whether its secret is set), then paste the secret into a password
   * box. Given (channel name, secret) from scripts and tests; an empty
   * secret given removes the stored one.
   * Returns the channel's name when something was stored or removed.
   */
  async setInteractively(channels: readonly Channel[], givenChannel?: unknown, givenSecret?: unknown): Promise<string | undefined> {
    const delivered = channels.filter((channel) => channel.delivery);
    if (!delivered.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No channel of the response plan is delivered: give a channel a "delivery" block in .incidents/plan.json first.'));
      return undefined;
    }
    const channel =
      typeof givenChannel === 'string'
        ? delivered.find((candidate) => candidate.name === givenChannel)
        : (
            await vscode.window.showQuickPick(
              await Promise.all(
                delivered.map(async (candidate) => ({
                  label: candidate.name,
                  description: `${providerName(candidate.delivery?.kind as DeliveryKind)} · ${candidate.reach}`,
                  detail: (await this.has(channelSecretName(candidate)))
                    ? vscode.l10n.t('secret "{0}" is set', channelSecretName(candidate))
                    : vscode.l10n.t('secret "{0}" is not set: messages to this channel fail', channelSecretName(candidate)),
                  candidate,
                })),
              ),
              { title: vscode.l10n.t('Set Channel Secret (1/2): which channel?'), matchOnDescription: true },
            )
          )?.candidate;
    if (!channel?.delivery) {
      if (typeof givenChannel === 'string') throw new Error(vscode.l10n.t('The response plan has no delivered channel "{0}".', givenChannel));
      return undefined;
    }
    const name = channelSecretName(channel);
    const kind = channel.delivery.kind;
    if (givenSecret === '') {
      await this.remove(name);
      return channel.name;
    }
    if (typeof givenSecret === 'string') {
      const problem = secretProblem(kind, givenSecret.trim());
      if (problem) throw new Error(problem);
      await this.store(name, givenSecret.trim(), secretDestination(channel.delivery));
      return channel.name;
    }
    const value = await vscode.window.showInputBox({
      title: vscode.l10n.t('Set Channel Secret (2/2): {0}', channel.name),
      prompt: vscode.l10n.t('Paste {0}. It is kept in VS Code’s secret storage on this machine, never in the repository.', secretWhat(kind)),
      password: true,
      ignoreFocusOut: true,
      validateInput: (typed) => secretProblem(kind, typed.trim()),
    });
    if (value === undefined) return undefined;
    await this.store(name, value.trim(), secretDestination(channel.delivery));
    void vscode.window.showInformationMessage(vscode.l10n.t('Stored the secret of {0} on this machine.', channel.name));
    return channel.name;
  }
}
