/**
 * Commands that say something about an incident: a status update for an
 * audience (with when the next one is due), a note or decision on the
 * timeline, and the ready-to-paste status message. Each takes its answers as
 * arguments when given (scripts and tests) and asks for what is missing.
 *
 * One named handler per command on `CommunicationCommands`; the table at the
 * end says which handler each command id runs.
 */
import * as vscode from 'vscode';
import { postStatusUpdate } from '../../core/lifecycle/changes';
import { audienceChoices } from '../../core/plan/plan';
import { calendarMinutes } from '../../core/clocks/durations';
import { audienceKind, audienceOfLatestUpdate, incidentMessage, messagePlan, MESSAGE_FORMATS, suggestedMessageKind, type MessageFormat } from '../../core/communication/messages';
import { NOTE_KINDS, UPDATE_AUDIENCES, type NoteKind } from '../../core/record/recordValues';
import type { Incident } from '../../core/record/schema';
import { deadlineAfter, resolvePolicy, targetFor } from '../../core/clocks/sla';
import { addTimelineEvent } from '../../core/lifecycle/timeline';
import { CommandId } from './commandIds';
import { givenText, oneOf } from './commandArguments';
import { pickValue } from '../pickers';
import type { Services } from '../services';
import { EVENT_WORDS, undeliveredRecords } from '../../core/delivery/undelivered';

export class CommunicationCommands {
  constructor(private readonly services: Services) {}

  /**
   * *Post Status Update* (`incidents.postStatusUpdate`): (incident, update text, audience, minutes to the next update) from scripts and tests;
   * asked for otherwise (for whom, what, next update in).
   */
  readonly postStatusUpdate = async (incident: Incident, givenUpdate?: unknown, givenAudience?: unknown, givenNextMinutes?: unknown) => {
    const { workspace, actions } = this.services;
    // The plan's channels first: where the update goes and how often (src/core/plan/plan.ts).
    const choices = audienceChoices(workspace.plan(), UPDATE_AUDIENCES);
    const picked =
      givenAudience === undefined
        ? await vscode.window.showQuickPick(
            choices.map((choice) => ({
              label: choice.audience,
              description: choice.channel ? `${choice.channel.name} · ${choice.channel.reach}` : undefined,
              detail: choice.channel?.updateEvery ? vscode.l10n.t('updates every {0}, per the response plan', choice.channel.updateEvery) : undefined,
              choice,
            })),
            { title: vscode.l10n.t('Status update on {0} (1/3): for whom?', incident.id), matchOnDescription: true },
          )
        : undefined;
    const audience = givenText(givenAudience) ?? picked?.choice.audience;
    if (!audience) return;
    const body =
      givenText(givenUpdate) ??
      givenText(
        await vscode.window.showInputBox({
          title: vscode.l10n.t('Status update on {0} (2/3)', incident.id),
          prompt: vscode.l10n.t('What is known, what is being done, what people should do'),
          ignoreFocusOut: true,
        }),
      );
    if (!body) return;
    const cadence = picked?.choice.channel?.updateEvery ?? targetFor(workspace.policy(), incident.severity).updateEvery;
    let nextUpdateBy: Date | undefined;
    if (typeof givenNextMinutes === 'number' && givenNextMinutes > 0) nextUpdateBy = new Date(Date.now() + givenNextMinutes * 60_000);
    else if (givenUpdate === undefined) {
      const answer = await vscode.window.showInputBox({
        title: vscode.l10n.t('Status update on {0} (3/3)', incident.id),
        prompt: vscode.l10n.t('Next update in (e.g. 30m, 2h; empty for none)'),
        value: cadence ?? '',
        validateInput: (v) => (!v.trim() || calendarMinutes(v) !== undefined ? undefined : vscode.l10n.t('Like 30m, 2h or 1d')),
      });
      if (answer === undefined) return;
      if (answer.trim()) nextUpdateBy = deadlineAfter(new Date(), answer.trim(), resolvePolicy(undefined));
    }
    await actions.update(incident.id, (i, ctx) => postStatusUpdate(i, { audience, text: body, ...(nextUpdateBy && { nextUpdateBy }) }, ctx));
  };

  /** *Add Note or Decision* (`incidents.addNote`): (incident, kind, text) from scripts and tests; asked for otherwise. */
  readonly addNote = async (incident: Incident, givenKind?: unknown, givenBody?: unknown) => {
    const kind = oneOf<NoteKind>(givenKind, NOTE_KINDS) ?? (await pickValue(vscode.l10n.t('Add to the timeline of {0}', incident.id), NOTE_KINDS));
    if (!kind) return;
    const body = givenText(givenBody) ?? givenText(await vscode.window.showInputBox({ title: vscode.l10n.t('Add a {0} to {1}', kind, incident.id), ignoreFocusOut: true }));
    if (body) await this.services.actions.update(incident.id, (i, ctx) => addTimelineEvent(i, { kind, text: body }, ctx));
  };

  /**
   * *Copy Status Message* (`incidents.copyStatusMessage`): (incident, format, audience) from scripts and tests; the format asked for otherwise.
   * The audience (an update audience such as "customers", or "internal"/"external") defaults to the latest update's: external ones name nobody.
   * Returns the message copied.
   */
  readonly copyStatusMessage = async (incident: Incident, givenFormat?: unknown, givenAudience?: unknown) => {
    const format =
      oneOf<MessageFormat>(givenFormat, MESSAGE_FORMATS) ??
      (await pickValue(vscode.l10n.t('Copy the message as'), MESSAGE_FORMATS, (f) =>
        f === 'slack' ? vscode.l10n.t("Slack's mrkdwn") : vscode.l10n.t('GitHub, docs, most chats'),
      ));
    if (!format) return undefined;
    const audience = typeof givenAudience === 'string' ? audienceKind(givenAudience) : audienceOfLatestUpdate(incident);
    const message = incidentMessage(incident, suggestedMessageKind(incident), format, audience, messagePlan(this.services.workspace.plan(), incident));
    await vscode.env.clipboard.writeText(message);
    const kind = suggestedMessageKind(incident);
    void vscode.window.showInformationMessage(
      audience === 'external'
        ? vscode.l10n.t('Copied the {0} message for {1} (for outside readers: no names or emails).', kind, incident.id)
        : vscode.l10n.t('Copied the {0} message for {1}.', kind, incident.id),
    );
    return message;
  };

  /**
   * *Set Channel Secret…* (`incidents.setChannelSecret`): (channel name, secret) from scripts and tests, asked for otherwise;
   * kept in VS Code's SecretStorage (src/ui/channelSecrets.ts). Then what waits for it is sent.
   */
  readonly setChannelSecret = async (givenChannel?: unknown, givenSecret?: unknown): Promise<string | undefined> => {
    const { services } = this;
    const changed = await services.secrets.setInteractively(services.workspace.plan().channels, givenChannel, givenSecret);
    if (changed) void services.deliveries.deliverSoon();
    return changed;
  };

  /**
   * *Show Undelivered Messages* (`incidents.showUndelivered`, the status bar's item): the failed deliveries, newest first;
   * for the one picked, Retry, Copy the Message (to paste by hand) or Open the incident. Returns what was done.
   */
  readonly showUndelivered = async (): Promise<string | undefined> => {
    const { services } = this;
    const snapshot = services.workspace.current();
    const failed = snapshot.kind === 'loaded' ? undeliveredRecords(snapshot.incidents, new Date()) : [];
    if (!failed.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Every message reached its channel.'));
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      failed.map((entry) => ({
        label: vscode.l10n.t('{0} {1} → {2}', entry.incident.id, EVENT_WORDS[entry.record.event] ?? entry.record.event, entry.record.channel),
        description: entry.incident.title,
        detail: entry.record.lastError,
        entry,
      })),
      { title: vscode.l10n.t('Messages not delivered'), matchOnDescription: true, matchOnDetail: true },
    );
    if (!picked) return undefined;
    const { incident, record } = picked.entry;
    const retry = vscode.l10n.t('Retry');
    const copy = vscode.l10n.t('Copy the Message');
    const open = vscode.l10n.t('Open {0}', incident.id);
    const action = await vscode.window.showQuickPick([retry, copy, open], { title: picked.label });
    if (action === retry) {
      await services.deliveries.retry(incident.id, record.id);
      return 'retried';
    }
    if (action === copy) {
      await vscode.env.clipboard.writeText(services.deliveries.copyText(incident.id, record.id));
      void vscode.window.showInformationMessage(vscode.l10n.t('Copied the message for {0}: paste it there yourself.', record.channel));
      return 'copied';
    }
    if (action === open) await vscode.commands.executeCommand(CommandId.OpenIncident, incident.id);
    return action === open ? 'opened' : undefined;
  };
}

export function registerCommunicationCommands(services: Services): void {
  const { commands } = services;
  const handlers = new CommunicationCommands(services);
  commands.incidentCommand(CommandId.PostStatusUpdate, { ask: vscode.l10n.t('Post a status update on…') }, handlers.postStatusUpdate);
  commands.incidentCommand(CommandId.AddNote, { ask: vscode.l10n.t('Add a note to…') }, handlers.addNote);
  commands.incidentCommand(CommandId.CopyStatusMessage, { ask: vscode.l10n.t('Copy the status message of…') }, handlers.copyStatusMessage);
  commands.command(CommandId.SetChannelSecret, handlers.setChannelSecret);
  commands.command(CommandId.ShowUndelivered, handlers.showUndelivered);
}
