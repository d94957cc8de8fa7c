import * as vscode from 'vscode';
import { isDrill } from '../../core/lifecycle/drills';
import { isActive } from '../../core/lifecycle/lifecycle';
import type { Incident } from '../../core/record/schema';
import { clockSummary, slaClocks } from '../../core/clocks/sla';
import { CommandId } from '../commands/commandIds';
import { Disposable } from '../disposable';
import type { StoreSnapshotSource } from '../storeSnapshot';

const STATE_KEY = 'incidents.currentIncident';

/**
 * The incident you are working on, remembered per workspace, shown in the
 * status bar with its SLA clock ("$(flame) INC-… SEV1 · responds in 12m");
 * clicking it opens the incident's panel.
 */
export class CurrentIncident extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('incidents.current', vscode.StatusBarAlignment.Left, 50));
  private readonly changed = this.register(new vscode.EventEmitter<string | undefined>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly source: StoreSnapshotSource,
  ) {
    super();
    this.item.name = vscode.l10n.t('Current Incident');
    this.register(source.onDidChange(() => this.render()));
    const timer = setInterval(() => this.render(), 30_000);
    this.register({ dispose: () => clearInterval(timer) });
    this.render();
  }

  get id(): string | undefined {
    return this.state.get<string>(STATE_KEY);
  }

  async set(id: string | undefined): Promise<void> {
    await this.state.update(STATE_KEY, id);
    this.render();
    this.changed.fire(id);
  }

  incident(): Incident | undefined {
    const id = this.id;
    return id === undefined ? undefined : this.source.current().incident(id);
  }

  private render(): void {
    const snapshot = this.source.current();
    const incident = this.incident();
    if (!incident || snapshot.kind !== 'loaded') {
      this.item.hide();
      return;
    }
    const clock = isActive(incident) ? clockSummary(slaClocks(incident, this.source.policy(), new Date())) : undefined;
    // A drill shows a beaker and says DRILL, so a glance at the status bar never reads a practice as an outage.
    const mark = isDrill(incident) ? `$(beaker) ${vscode.l10n.t('DRILL')}` : '$(flame)';
    this.item.text = `${mark} ${incident.id} ${incident.severity}${clock ? ` · ${clock.text}` : ` · ${incident.status}`}`;
    this.item.tooltip = vscode.l10n.t(
      '{0}\n{1}, commander {2}\nClick to open the incident',
      incident.title,
      incident.status,
      incident.roles.commander ?? vscode.l10n.t('unassigned'),
    );
    this.item.backgroundColor = clock?.breached ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.command = { command: CommandId.OpenIncident, title: vscode.l10n.t('Open Incident'), arguments: [incident.id] };
    const spoken = vscode.l10n.t('Current incident {0}, {1}, {2}', incident.id, incident.severity, clock?.text ?? incident.status);
    this.item.accessibilityInformation = { label: isDrill(incident) ? vscode.l10n.t('Drill: {0}', spoken) : spoken };
    this.item.show();
  }
}
