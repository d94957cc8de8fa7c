/**
 * `incident deliver`: add the reminders that an update is overdue (channels
 * with `remindOverdue`), then list and send the deliveries still pending
 * (--retry: the failed ones again), or a marked test message to a channel.
 */
import { channelSecretName } from '../core/delivery/deliveryKinds';
import { terminalText } from '../core/text/terminalText';
import { runDeliveries } from '../workflows/delivery/deliveryLoop';
import { sendTestMessage } from '../workflows/delivery/sendDelivery';
import { UsageError, VerbExit } from './cliContext';
import { planOf } from './incidentLines';
import { DEFAULT_DELIVERY_SECONDS, reportLine, runOptions, secretFromEnvironment } from './deliveryRuns';
import { verbArguments, type Verb } from './verbSupport';
import { retryFailedDeliveries } from '../workflows/delivery/deliveryRetry';
import { machineId } from '../workflows/delivery/machineId';

export const DELIVER_VERBS: Record<string, Verb> = {
  deliver: {
    summary:
      "send the messages still waiting for the plan's delivered channels, and reminders of overdue updates where the plan asks (--retry: the failed ones again); --test CHANNEL sends a marked test message",
    usage: 'incident deliver [--dry-run] [--retry] [--json] [--timeout SECONDS]   |   incident deliver --test CHANNEL',
    async run(args, { store, now, author, out }) {
      const { values } = verbArguments(
        args,
        {
          'dry-run': { type: 'boolean', default: false },
          retry: { type: 'boolean', default: false },
          json: { type: 'boolean', default: false },
          test: { type: 'string' },
          timeout: { type: 'string', default: String(DEFAULT_DELIVERY_SECONDS) },
        },
        false,
      );
      const seconds = Number(values.timeout);
      if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 600) throw new UsageError(`--timeout must be a number of seconds from 1 to 600 (got "${values.timeout}")`);
      if (values.test !== undefined) {
        const channel = planOf(store).channels.find((candidate) => candidate.name === values.test);
        if (!channel?.delivery)
          throw new UsageError(`the plan has no delivered channel "${terminalText(values.test, { oneLine: true })}"; "incident plan check" lists the channels`);
        const outcome = await sendTestMessage(channel, secretFromEnvironment(channelSecretName(channel)), now(), runOptions(store, now, author, seconds));
        if (!outcome.ok)
          throw new VerbExit(`Test message to "${terminalText(channel.name, { oneLine: true })}" not delivered: ${terminalText(outcome.reason, { oneLine: true })}`, 2);
        out(
          `Test message delivered to "${terminalText(channel.name, { oneLine: true })}"${outcome.response ? ` (answer: ${terminalText(outcome.response, { oneLine: true })})` : ''}`,
        );
        return;
      }
      if (values.retry && !values['dry-run']) await retryFailedDeliveries(store, {}, machineId(), now());
      const summary = await runDeliveries({ store }, runOptions(store, now, author, seconds, { dryRun: values['dry-run'], remindOverdue: { person: author } }));
      if (values.json) return out(JSON.stringify(summary, null, 2));
      const all = [...summary.sent, ...summary.wouldSend, ...summary.waiting, ...summary.obsolete, ...summary.failed];
      if (!all.length) return out('Nothing to deliver.');
      for (const report of all) out(reportLine(report));
    },
  },
};
