/**
 * Channel secrets in the editor: webhook URLs, SMTP passwords and signing
 * keys kept in VS Code's SecretStorage (the operating system's keychain),
 * under the name the plan gives each channel (`delivery.secret`, else the
 * channel's name); never in settings.json, the store or a log line. The
 * extension host's INCIDENT_SECRET_<NAME> variable counts too (the same one
 * the command line reads), after what the person stored.
 */
import * as vscode from 'vscode';
import { channelSecretName, providerName, secretEnvironmentVariable, URL_SECRET_KINDS, type DeliveryKind } from '../core/delivery/deliveryKinds';
import type { Channel } from '../core/plan/plan';
import { MIN_SIGNING_KEY_LENGTH, PAGERDUTY_ROUTING_KEY, webhookUrl } from '../workflows/delivery/sendToChannel';

const KEY_PREFIX = 'incidents.channelSecret/';
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
  ) {}

  /** The secret stored under this name, else the environment's, else undefined. */
  async get(name: string): Promise<string | undefined> {
    const stored = await this.storage.get(KEY_PREFIX + name);
    if (stored) return stored;
    const variable = secretEnvironmentVariable(name);
    return (variable && this.env[variable]) || undefined;
  }

  async has(name: string): Promise<boolean> {
    return (await this.get(name)) !== undefined;
  }

  store(name: string, value: string): Thenable<void> {
    return this.storage.store(KEY_PREFIX + name, value);
  }

  remove(name: string): Thenable<void> {
    return this.storage.delete(KEY_PREFIX + name);
  }

  /** The secrets of these channels, read once for a delivery run (the loop asks synchronously). */
  async snapshot(channels: readonly Channel[]): Promise<Map<string, string>> {
    const names = [...new Set(channels.filter((channel) => channel.delivery).map(channelSecretName))];
    const values = await Promise.all(names.map(async (name) => [name, await this.get(name)] as const));
    return new Map(values.filter((entry): entry is readonly [string, string] => entry[1] !== undefined));
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
      await this.store(name, givenSecret.trim());
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
    await this.store(name, value.trim());
    void vscode.window.showInformationMessage(vscode.l10n.t('Stored the secret of {0} on this machine.', channel.name));
    return channel.name;
  }
}
