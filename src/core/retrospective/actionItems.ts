/** Open retrospective action items across incidents, for the Action Items view. */
import type { ActionItem, Incident } from '../record/schema';

export interface OpenActionItem {
  incidentId: string;
  incidentTitle: string;
  item: ActionItem;
  /** Its due date has passed (the day after `due`, in UTC, has begun). */
  overdue: boolean;
}

/** Overdue first, then by due date (undated last), then by incident and title. */
export function openActionItems(incidents: readonly Incident[], now: Date): OpenActionItem[] {
  const today = now.toISOString().slice(0, 10);
  const rows = incidents.flatMap((incident) =>
    incident.retrospective.actionItems
      .filter((item) => item.status === 'open')
      .map((item) => ({ incidentId: incident.id, incidentTitle: incident.title, item, overdue: item.due !== undefined && item.due < today })),
  );
  const dueKey = (row: OpenActionItem) => row.item.due ?? '9999-99-99';
  return rows.sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || dueKey(a).localeCompare(dueKey(b)) || a.incidentId.localeCompare(b.incidentId) || a.item.title.localeCompare(b.item.title),
  );
}
