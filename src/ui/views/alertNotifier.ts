/**
 * Tells a responder when an incident an alert opened arrives in the store (by
 * team sync, a pull, or an intake run on this machine): "SEV1 from alert
 * HighErrorRate on checkout (INC-…)" with *Open* and *Take Command*. Once per
 * incident per machine: the incidents seen are remembered in the workspace's
 * state, so a reload does not repeat them, and those already in the store the
 * first time the extension runs here are remembered without a word. Who is
 * told, and which incidents, is decided in src/core/intake/alertAnnouncements.ts
 * (the plan's commander roster, or everyone when it names nobody). When
 * every alert of such an incident has resolved before it was mitigated, it
 * suggests *Mark Mitigated*, once per resolution; it never moves the status.
 */
import * as vscode from 'vscode';
import { alertAnnouncements, firstMemory, mitigationSuggestions, samePerson, type AnnouncementMemory } from '../../core/intake/alertAnnouncements';
import type { Incident } from '../../core/record/schema';
import { errorMessage } from '../../core/record/errors';
import { CommandId } from '../commands/commandIds';
import { Disposable } from '../disposable';
import type { StoreSnapshotSource } from '../storeSnapshot';
import { alertAnnouncement } from './alertRows';

const MEMORY_KEY = 'incidents.alertIncidentsSeen';
/** The resolutions already suggested (`INC-…@<last end>`), so each is suggested once. */
const RESOLUTIONS_KEY = 'incidents.alertResolutionsSuggested';

/** One announcement as it was shown; for tests and the API. */
export interface AlertAnnouncementShown {
  /** An incident an alert opened, or the suggestion to mark one mitigated once every alert has resolved. */
  kind: 'announcement' | 'mitigation';
  incidentId: string;
  message: string;
  buttons: string[];
  /** Information rather than warning. */
  calm: boolean;
}

export interface AlertNotifierOptions {
  readonly source: StoreSnapshotSource;
  readonly memory: vscode.Memento;
  /** "Name <email>", as the extension writes it: who may be on the roster. */
  readonly me: () => Promise<string>;
  /** Whether this workspace may be written (Take Command writes). */
  readonly writable: () => boolean;
  readonly log: vscode.LogOutputChannel;
}

export class AlertNotifier extends Disposable {
  private readonly shownList: AlertAnnouncementShown[] = [];
  /** Checks run one after another: a store change during a check waits for it, so nothing is announced twice. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: AlertNotifierOptions) {
    super();
    // The first activation here: what the store holds now is history, remembered and not announced.
    if (options.memory.get<AnnouncementMemory>(MEMORY_KEY) === undefined) this.rememberFirst();
    this.register(options.source.onDidChange(() => void this.check()));
    void this.check();
  }

  /** What was announced in this session, oldest first. */
  get shown(): readonly AlertAnnouncementShown[] {
    return this.shownList;
  }

  private rememberFirst(): void {
    const snapshot = this.options.source.current();
    // A store that cannot be read yet is not history: the memory is made from the first one that can.
    if (snapshot.kind === 'unusable') return;
    void this.options.memory.update(MEMORY_KEY, firstMemory(snapshot.kind === 'loaded' ? snapshot.document.incidents : []));
  }

  /** Announces what is new in the store; resolves when it has been decided (not when the person answers). */
  check(): Promise<void> {
    this.queue = this.queue.then(
      () => this.checkNow(),
      () => this.checkNow(),
    );
    return this.queue;
  }

  private async checkNow(): Promise<void> {
    if (this.isDisposed) return;
    if (this.options.memory.get<AnnouncementMemory>(MEMORY_KEY) === undefined) return this.rememberFirst();
    const snapshot = this.options.source.current();
    if (snapshot.kind !== 'loaded') return;
    const me = await this.options.me().catch(() => '');
    const memory = this.options.memory.get<AnnouncementMemory>(MEMORY_KEY) ?? { seen: [] };
    const decided = alertAnnouncements(snapshot.document.incidents, memory, this.options.source.plan(), me);
    if (decided.changed) {
      await this.options.memory.update(MEMORY_KEY, decided.memory);
      for (const incident of decided.announce) this.announce(incident, me);
    }
    const resolutions = mitigationSuggestions(snapshot.document.incidents, this.options.memory.get<string[]>(RESOLUTIONS_KEY) ?? []);
    if (!resolutions.changed) return;
    await this.options.memory.update(RESOLUTIONS_KEY, resolutions.suggested);
    for (const incident of resolutions.suggest) this.suggestMitigated(incident);
  }

  /** Every alert of the incident has resolved: a person decides whether the impact has stopped; an alert never moves the status. */
  private suggestMitigated(incident: Incident): void {
    const mitigated = vscode.l10n.t('Mark Mitigated');
    const open = vscode.l10n.t('Open');
    const message = vscode.l10n.t('Every alert of {0} has resolved. If the impact has stopped, mark it mitigated.', incident.id);
    const buttons = this.options.writable() ? [mitigated, open] : [open];
    this.shownList.push({ kind: 'mitigation', incidentId: incident.id, message, buttons, calm: true });
    this.options.log.info(`suggested mitigated for ${incident.id}: every alert resolved`);
    void vscode.window.showInformationMessage(message, ...buttons).then(async (choice) => {
      try {
        if (choice === mitigated) await vscode.commands.executeCommand(CommandId.ChangeStatus, incident.id, 'mitigated');
        if (choice === open) await vscode.commands.executeCommand(CommandId.OpenIncident, incident.id);
      } catch (error) {
        void vscode.window.showErrorMessage(errorMessage(error));
      }
    });
  }

  private announce(incident: Incident, me: string): void {
    const { message, calm } = alertAnnouncement(incident);
    const open = vscode.l10n.t('Open');
    const takeCommand = vscode.l10n.t('Take Command');
    // Take Command writes: not offered in Restricted Mode, nor once someone has command.
    const buttons = this.options.writable() && !incident.roles.commander ? [open, takeCommand] : [open];
    this.shownList.push({ kind: 'announcement', incidentId: incident.id, message, buttons, calm });
    this.options.log.info(`announced ${incident.id}, opened by an alert`);
    const show = calm ? vscode.window.showInformationMessage : vscode.window.showWarningMessage;
    void show(message, ...buttons).then(async (choice) => {
      try {
        if (choice === takeCommand) await this.takeCommand(incident.id, me);
        if (choice) await vscode.commands.executeCommand(CommandId.OpenIncident, incident.id);
      } catch (error) {
        void vscode.window.showErrorMessage(errorMessage(error));
      }
    });
  }

  /** Assigns the commander role to `me`, unless someone took it while the notification was up. */
  private async takeCommand(id: string, me: string): Promise<void> {
    const commander = this.options.source.current().incident(id)?.roles.commander;
    if (commander && !samePerson(commander, me)) {
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} already has command of {1}.', commander, id));
      return;
    }
    if (!commander) await vscode.commands.executeCommand(CommandId.AssignRole, id, 'commander', me);
  }
}
