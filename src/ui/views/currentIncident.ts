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
 * clicking it opens the incident's panel. Once it is resolved or closed it is
 * no longer what commands act on: the item says so and offers the next
 * active incident.
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

  /** The current incident while it is active: a resolved or closed one is no longer what commands act on. */
  activeIncident(): Incident | undefined {
    const incident = this.incident();
    return incident && isActive(incident) ? incident : undefined;
  }

  /** The status bar's text now (for tests), or undefined when hidden. */
  get text(): string | undefined {
    return this.item.text && this.shown ? this.item.text : undefined;
  }

  private shown = false;

  /** The active incident to offer next: the most severe, then the one declared first. */
  private nextActive(): Incident | undefined {
    return this.source
      .current()
      .incidents.filter(isActive)
      .sort((a, b) => (a.severity < b.severity ? -1 : a.severity > b.severity ? 1 : a.declaredAt < b.declaredAt ? -1 : 1))[0];
  }

  /** The current incident was resolved or closed: say so, and offer the next active one (a click makes it current). */
  private renderEnded(incident: Incident): void {
    const next = this.nextActive();
    this.item.text = next ? `$(pass) ${incident.id} ${incident.status} · $(arrow-right) ${next.id} ${next.severity}` : `$(pass) ${incident.id} ${incident.status}`;
    this.item.tooltip = next
      ? vscode.l10n.t('{0} is {1} and no longer current.\nClick to work on {2} ({3}, {4}).', incident.id, incident.status, next.id, next.severity, next.title)
      : vscode.l10n.t('{0} is {1} and no longer current; no other incident is active.\nClick to open it.', incident.id, incident.status);
    this.item.backgroundColor = undefined;
    this.item.command = next
      ? { command: CommandId.SetCurrentIncident, title: vscode.l10n.t('Work on {0}', next.id), arguments: [next.id] }
      : { command: CommandId.OpenIncident, title: vscode.l10n.t('Open Incident'), arguments: [incident.id] };
    this.item.accessibilityInformation = { label: vscode.l10n.t('{0} is {1} and no longer current', incident.id, incident.status) };
    this.item.show();
    this.shown = true;
  }

  private render(): void {
    const snapshot = this.source.current();
    const incident = this.incident();
    if (!incident || snapshot.kind !== 'loaded') {
      this.item.hide();
      this.shown = false;
      return;
    }
    if (!isActive(incident)) return this.renderEnded(incident);
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
    this.shown = true;
  }
}
