/**
 * The status-bar item that says when messages did not reach their channels
 * ("2 not delivered"), hidden otherwise; its tooltip names each, and a click
 * opens *Show Undelivered Messages* (retry, or copy the message by hand).
 */
import * as vscode from 'vscode';
import { EVENT_WORDS, undeliveredRecords } from '../../core/delivery/undelivered';
import { CommandId } from '../commands/commandIds';
import type { DeliveryService } from '../deliveryService';
import { Disposable } from '../disposable';
import type { WorkspaceStore } from '../workspaceStore';

export class DeliveryStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('incidents.delivery', vscode.StatusBarAlignment.Left, 48));

  constructor(
    private readonly workspace: WorkspaceStore,
    deliveries: DeliveryService,
  ) {
    super();
    this.item.name = vscode.l10n.t('Incident Deliveries');
    this.item.command = CommandId.ShowUndelivered;
    this.register(workspace.onDidChange(() => this.show()));
    this.register(deliveries.onDidRun(() => this.show()));
    this.show();
  }

  /** The item's text now (for tests), or undefined when hidden. */
  text: string | undefined;

  private show(): void {
    const snapshot = this.workspace.current();
    const failed = snapshot.kind === 'loaded' ? undeliveredRecords(snapshot.incidents, new Date()) : [];
    if (!failed.length) {
      this.text = undefined;
      this.item.hide();
      return;
    }
    this.text = vscode.l10n.t('$(mail) {0} not delivered', failed.length);
    this.item.text = this.text;
    this.item.tooltip = [
      vscode.l10n.t('Messages that did not reach their channels:'),
      ...failed.slice(0, 10).map(({ incident, record }) => `${incident.id} ${EVENT_WORDS[record.event] ?? record.event} → ${record.channel}: ${record.lastError ?? ''}`),
      vscode.l10n.t('Click to retry or copy them.'),
    ].join('\n');
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.item.show();
  }
}
