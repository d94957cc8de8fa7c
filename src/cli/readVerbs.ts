/**
 * The verbs that only read the store. They start fast: how an incident is
 * printed (SLA clocks, business time) is loaded only once there is one to print.
 */
import { isActive } from '../core/lifecycle/lifecycle';
import { findIncident, loaded, type ReadingVerb, verbArguments } from './verbSupport';

export const READ_VERBS: Record<string, ReadingVerb> = {
  list: {
    summary: 'list active incidents (--all for every one)',
    usage: 'incident list [--all] [--json]',
    readsOnly: true,
    async run(args, { store, now, out }) {
      const { values } = verbArguments(args, { all: { type: 'boolean' }, json: { type: 'boolean' } }, false);
      const incidents = loaded(store).incidents.filter((i) => values.all || isActive(i));
      if (values.json) out(JSON.stringify(incidents, null, 2));
      else if (incidents.length === 0) out(values.all ? 'No incidents.' : 'No active incidents.');
      else {
        const { incidentLine, policyOf } = await import('./incidentLines');
        const [policy, at] = [policyOf(store), now()];
        incidents.forEach((i) => out(incidentLine(i, policy, at)));
      }
    },
  },
  show: {
    summary: 'show one incident with its timeline',
    usage: 'incident show ID [--json]',
    readsOnly: true,
    async run(args, { store, now, out }) {
      const { values, positionals } = verbArguments(args, { json: { type: 'boolean' } });
      const incident = findIncident(store, positionals[0]);
      if (values.json) {
        out(JSON.stringify(incident, null, 2));
        return;
      }
      const { incidentDetails, planOf } = await import('./incidentLines');
      const plan = planOf(store);
      incidentDetails(incident, plan.sla, now(), plan.regulatory, plan).forEach((line) => out(line));
      const { ownersForSuspects } = await import('../workflows/suspectOwners');
      const { evidenceOwnerLines } = await import('./ownerLines');
      evidenceOwnerLines(ownersForSuspects(store.root, incident)).forEach((line) => out(line));
    },
  },
};
