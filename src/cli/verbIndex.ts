/**
 * Which module defines each verb, so that a run loads only its verb's module
 * (and what that imports), not all of them: `incident list` on a repository
 * without a store never loads the schema library. verbIndex.test.ts checks
 * that this table and the modules agree.
 */
import type { AnyVerb } from './verbSupport';

type VerbModule = () => Promise<Record<string, AnyVerb>>;

const READING: VerbModule = async () => (await import('./readVerbs')).READ_VERBS;
const CORE: VerbModule = async () => (await import('./verbs')).CORE_VERBS;
const DOMAIN: VerbModule = async () => (await import('./domainVerbs')).DOMAIN_VERBS;
const GIT: VerbModule = async () => (await import('./gitVerbs')).GIT_VERBS;
const SYNC: VerbModule = async () => (await import('./syncVerbs')).SYNC_VERBS;
const PLAN: VerbModule = async () => (await import('./planVerbs')).PLAN_VERBS;
const TRIAGE: VerbModule = async () => (await import('./triageVerbs')).TRIAGE_VERBS;
const REGULATORY: VerbModule = async () => (await import('./regulatoryVerbs')).REGULATORY_VERBS;
const TASKS: VerbModule = async () => (await import('./taskVerbs')).TASK_VERBS;
const MCP: VerbModule = async () => (await import('./mcpVerbs')).MCP_VERBS;
const EVIDENCE: VerbModule = async () => (await import('./evidenceVerbs')).EVIDENCE_VERBS;
const STATUS_PAGE: VerbModule = async () => (await import('./statusPageVerbs')).STATUS_PAGE_VERBS;
const RELATED: VerbModule = async () => (await import('./relatedVerbs')).RELATED_VERBS;
const HIGHLIGHTS: VerbModule = async () => (await import('./highlightVerbs')).HIGHLIGHT_VERBS;
const HANDOFF: VerbModule = async () => (await import('./handoffVerbs')).HANDOFF_VERBS;
const BISECT: VerbModule = async () => (await import('./bisectVerbs')).BISECT_VERBS;
const INTAKE: VerbModule = async () => (await import('./intakeVerbs')).INTAKE_VERBS;
const DELIVER: VerbModule = async () => (await import('./deliverVerbs')).DELIVER_VERBS;
const TYPES: VerbModule = async () => (await import('./typeVerbs')).TYPE_VERBS;
const FOLLOWUPS: VerbModule = async () => (await import('./followupVerbs')).FOLLOWUP_VERBS;
const ONCALL: VerbModule = async () => (await import('./oncallVerbs')).ONCALL_VERBS;

// In the order `incident` has always listed them, which decides between equally near guesses for a mistyped verb.
export const VERB_MODULES: Record<string, VerbModule> = {
  link: CORE,
  deploy: CORE,
  commit: CORE,
  merge: CORE,
  repair: CORE,
  'install-merge-driver': CORE,
  declare: CORE,
  list: READING,
  show: READING,
  note: CORE,
  status: CORE,
  started: CORE,
  assign: DOMAIN,
  ack: DOMAIN,
  severity: DOMAIN,
  check: DOMAIN,
  update: DOMAIN,
  deliver: DELIVER,
  action: DOMAIN,
  followups: FOLLOWUPS,
  summary: DOMAIN,
  postmortem: DOMAIN,
  metrics: DOMAIN,
  scan: GIT,
  suspects: GIT,
  evidence: EVIDENCE,
  bisect: BISECT,
  sync: SYNC,
  plan: PLAN,
  triage: TRIAGE,
  notify: REGULATORY,
  task: TASKS,
  mcp: MCP,
  statuspage: STATUS_PAGE,
  related: RELATED,
  highlight: HIGHLIGHTS,
  handoff: HANDOFF,
  brief: HANDOFF,
  intake: INTAKE,
  types: TYPES,
  type: TYPES,
  field: TYPES,
  answer: TYPES,
  oncall: ONCALL,
};

export const VERB_NAMES = Object.keys(VERB_MODULES);

/** The verb called `name`, loading only its module; undefined when there is none. */
export async function loadVerb(name: string): Promise<AnyVerb | undefined> {
  const load = Object.hasOwn(VERB_MODULES, name) ? VERB_MODULES[name] : undefined;
  return load ? (await load())[name] : undefined;
}

/** Every verb (for the help text), in the order of VERB_MODULES. */
export async function loadAllVerbs(): Promise<Record<string, AnyVerb>> {
  const modules = await Promise.all([...new Set(Object.values(VERB_MODULES))].map((load) => load()));
  const all: Record<string, AnyVerb> = Object.assign({}, ...modules);
  return Object.fromEntries(VERB_NAMES.map((name) => [name, all[name]]));
}
