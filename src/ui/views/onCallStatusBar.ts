/**
 * The status-bar item that tells you when you are on call, per the plan's
 * rotations (src/core/oncall/): "On call: payments until Mon 14 Dec 09:00",
 * the tooltip naming each rotation and layer you hold; hidden when you hold
 * none. "You" is the identity the extension writes as. It looks again when
 * the plan changes, every minute, and at the end of your shift.
 */
import * as vscode from 'vscode';
import { onCallFor } from '../../core/oncall/onCall';
import { oncallTimeZone } from '../../core/oncall/oncallPlan';
import { localTimeText } from '../../core/oncall/localTime';
import { Disposable } from '../disposable';
import type { WorkspaceStore } from '../workspaceStore';

const MINUTE_MS = 60_000;

export class OnCallStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('incidents.onCall', vscode.StatusBarAlignment.Left, 47));
  /** The item's text now (for tests), or undefined when hidden. */
  text: string | undefined;

  constructor(
    private readonly workspace: WorkspaceStore,
    private readonly author: () => Promise<string>,
    now: () => Date = () => new Date(),
  ) {
    super();
    this.item.name = vscode.l10n.t('On Call');
    const look = () => void this.show(now());
    this.register(workspace.onDidChange(look));
    const timer = setInterval(look, MINUTE_MS);
    this.register({ dispose: () => clearInterval(timer) });
    look();
  }

  async show(at: Date): Promise<void> {
    const plan = this.workspace.plan();
    const held = plan.oncall?.rotations.length ? onCallFor(plan, await this.author(), at) : [];
    if (!held.length) {
      this.text = undefined;
      this.item.hide();
      return;
    }
    const zone = oncallTimeZone(plan);
    const until = new Date(Math.min(...held.map((segment) => segment.until.getTime())));
    const rotations = [...new Set(held.map((segment) => segment.rotation))].join(', ');
    this.text = vscode.l10n.t('$(broadcast) On call: {0} until {1}', rotations, localTimeText(until, zone, at));
    this.item.text = this.text;
    this.item.tooltip = [
      vscode.l10n.t('You are on call, per the response plan:'),
      ...held.map((segment) => vscode.l10n.t('{0} {1} until {2} ({3})', segment.rotation, segment.layer, localTimeText(segment.until, zone, at), zone)),
      vscode.l10n.t('Incidents routed to these rotations page you when nobody acknowledges them.'),
    ].join('\n');
    this.item.show();
  }
}
