/** The dashboard's drills report: how many practice incidents, when, and how soon someone acknowledged them. */
import * as l10n from '@vscode/l10n';
import { formatDuration } from '../../../src/core/clocks/durations';
import type { MetricsPayload } from '../../../src/protocol/metrics';
import { h } from '../dom';

/** Dates are shown as days; a long practice history shows its latest ones. */
const SHOWN_DATES = 12;

export function renderDrills(drills: MetricsPayload['drills']): HTMLElement[] {
  const heading = h('h2', {}, l10n.t('Drills'));
  if (!drills.count) return [heading, h('p', { class: 'drills-none' }, l10n.t('No drills in this range.'))];
  const acknowledge = drills.acknowledge.medianMs === undefined ? '—' : formatDuration(drills.acknowledge.medianMs);
  const days = drills.dates.map((at) => at.slice(0, 10));
  const shown = days.length > SHOWN_DATES ? [l10n.t('{0} earlier', days.length - SHOWN_DATES), ...days.slice(-SHOWN_DATES)] : days;
  return [
    heading,
    h('p', { class: 'drills-summary' }, l10n.t('{0} drill(s) · median time to acknowledge {1} (of {2} acknowledged)', drills.count, acknowledge, drills.acknowledge.count)),
    h('p', { class: 'drills-dates' }, l10n.t('Declared: {0}', shown.join(', '))),
  ];
}
