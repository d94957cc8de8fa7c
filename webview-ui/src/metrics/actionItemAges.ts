/** The age groups of open action items, labelled, in the order the chart and the table show them. */
import * as l10n from '@vscode/l10n';
import type { MetricsPayload } from '../../../src/protocol/metrics';

export function actionItemAges(open: MetricsPayload['openActionItems']): Array<[label: string, count: number]> {
  return [
    [l10n.t('under 7 days'), open.under7Days],
    [l10n.t('7–30 days'), open.from7To30Days],
    [l10n.t('over 30 days'), open.over30Days],
  ];
}
