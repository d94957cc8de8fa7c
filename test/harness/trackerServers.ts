/**
 * Loopback trackers on 127.0.0.1 for the follow-ups tests: the subset of
 * the GitHub issues REST API, GitLab's Issues API and Jira Cloud's issue API
 * that the feature uses (make an issue, read one), each request checked
 * against the shapes in trackerSchemas.ts. A request that breaks a shape or
 * carries the wrong credential is answered as the provider would (422, 401)
 * and listed in `problems`, so a test asserts the list is empty. Issues can
 * be closed by the test; the server can be stopped (connections refused)
 * and started again on the same port.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GITHUB_CREATE_ISSUE, GITLAB_CREATE_ISSUE, JIRA_CREATE_ISSUE, githubHeaderProblems, schemaProblems } from './trackerSchemas';

export type TrackerKind = 'github' | 'gitlab' | 'jira';

export interface FakeIssue {
  id: string;
  title: string;
  text: string;
  labels: string[];
  closed: boolean;
}

export interface TrackerServer {
  readonly kind: TrackerKind;
  /** The base URL the plan names (GitHub's API root, GitLab's instance, the Jira site). */
  readonly url: string;
  readonly issues: FakeIssue[];
  /** Every request that broke a documented shape or carried a wrong credential. */
  readonly problems: string[];
  /** How many create requests arrived (refused ones too). */
  creates: number;
  reads: number;
  close(id: string): void;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface TrackerSetup {
  kind: TrackerKind;
  token: string;
  /** GitHub OWNER/REPO, GitLab project path, Jira project key. */
  project: string;
  /** Jira's account email. */
  email?: string;
}

const send = (response: ServerResponse, status: number, body: unknown) => {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
};

async function bodyOf(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    return { unparsable: text };
  }
}

/** The credential check for each kind; a problem line or undefined. */
function authProblem(setup: TrackerSetup, request: IncomingMessage): string | undefined {
  const { headers } = request;
  if (setup.kind === 'gitlab') return headers['private-token'] === setup.token ? undefined : 'PRIVATE-TOKEN must be the token';
  if (setup.kind === 'jira')
    return headers.authorization === `Basic ${Buffer.from(`${setup.email}:${setup.token}`).toString('base64')}` ? undefined : 'basic authentication of email:token expected';
  return undefined;
}

export async function startTrackerServer(setup: TrackerSetup): Promise<TrackerServer> {
  let server: Server | undefined;
  let port = 0;
  const base = (path: string) => `http://127.0.0.1:${port}${path}`;
  const state: TrackerServer = {
    kind: setup.kind,
    get url() {
      return setup.kind === 'github' ? base('/api/v3') : base('');
    },
    issues: [],
    problems: [],
    creates: 0,
    reads: 0,
    close(id) {
      const issue = state.issues.find((candidate) => candidate.id === id);
      if (!issue) throw new Error(`no issue ${id}`);
      issue.closed = true;
    },
    stop: () => new Promise<void>((done) => (server ? (server.closeAllConnections(), server.close(() => done())) : done())),
    start: () => listen(port),
  };
  const refuse = (response: ServerResponse, status: number, problems: string[]) => {
    state.problems.push(...problems);
    send(response, status, { message: problems.join('; ') });
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', base(''));
    const body = await bodyOf(request);
    const headerProblems = setup.kind === 'github' ? githubHeaderProblems(request.headers, setup.token) : [authProblem(setup, request)].filter((line): line is string => !!line);
    if (!request.headers['user-agent']) headerProblems.push('a User-Agent is required');
    const github = setup.kind === 'github' ? /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/issues(?:\/([^/]+))?$/.exec(url.pathname) : null;
    const gitlab = setup.kind === 'gitlab' ? /^\/api\/v4\/projects\/([^/]+)\/issues(?:\/([^/]+))?$/.exec(url.pathname) : null;
    const jira = setup.kind === 'jira' ? /^\/rest\/api\/3\/issue(?:\/([^/]+))?$/.exec(url.pathname) : null;
    const route = github
      ? { project: `${github[1]}/${github[2]}`, id: github[3] }
      : gitlab
        ? { project: decodeURIComponent(gitlab[1]), id: gitlab[2] }
        : jira
          ? { project: setup.project, id: jira[1] }
          : undefined;
    if (!route) return refuse(response, 404, [`${request.method} ${url.pathname} is not part of the documented subset`]);
    if (headerProblems.length) return refuse(response, 401, headerProblems);
    if (route.project !== setup.project) return refuse(response, 404, [`unknown project ${route.project}`]);
    if (request.method === 'POST' && route.id === undefined) {
      state.creates++;
      const schema = setup.kind === 'github' ? GITHUB_CREATE_ISSUE : setup.kind === 'gitlab' ? GITLAB_CREATE_ISSUE : JIRA_CREATE_ISSUE;
      const problems = [...schemaProblems(body, schema)];
      if (request.headers['content-type'] !== 'application/json') problems.push('Content-Type must be application/json');
      if (setup.kind === 'jira' && (body as { fields?: { project?: { key?: string } } })?.fields?.project?.key !== setup.project)
        problems.push('fields.project.key must be the project');
      if (problems.length) return refuse(response, setup.kind === 'jira' ? 400 : 422, problems);
      const given = body as {
        title?: string;
        body?: string;
        description?: unknown;
        labels?: string | string[];
        fields?: { summary: string; description?: unknown; labels?: string[] };
      };
      const number = state.issues.length + 1;
      const id = setup.kind === 'jira' ? `${setup.project}-${number}` : String(number);
      const labels = setup.kind === 'jira' ? (given.fields?.labels ?? []) : typeof given.labels === 'string' ? given.labels.split(',') : (given.labels ?? []);
      const text = setup.kind === 'github' ? (given.body ?? '') : setup.kind === 'gitlab' ? String(given.description ?? '') : JSON.stringify(given.fields?.description ?? '');
      state.issues.push({ id, title: setup.kind === 'jira' ? String(given.fields?.summary) : String(given.title), text, labels, closed: false });
      if (setup.kind === 'github') return send(response, 201, { id: 1000 + number, number, html_url: `https://github.example/${setup.project}/issues/${number}`, state: 'open' });
      if (setup.kind === 'gitlab')
        return send(response, 201, { id: 2000 + number, iid: number, web_url: `https://gitlab.example/${setup.project}/-/issues/${number}`, state: 'opened' });
      return send(response, 201, { id: String(3000 + number), key: id, self: base(`/rest/api/3/issue/${3000 + number}`) });
    }
    if (request.method === 'GET' && route.id !== undefined) {
      state.reads++;
      if (setup.kind !== 'jira' && !/^\d+$/.test(route.id)) return refuse(response, 404, [`the issue number must be an integer (got ${route.id})`]);
      if (setup.kind === 'jira' && url.searchParams.get('fields') !== 'status') state.problems.push('a Jira read should ask for fields=status only');
      const issue = state.issues.find((candidate) => candidate.id === route.id);
      if (!issue) return send(response, 404, { message: 'Not Found' });
      if (setup.kind === 'github') return send(response, 200, { number: Number(issue.id), state: issue.closed ? 'closed' : 'open', title: issue.title });
      if (setup.kind === 'gitlab') return send(response, 200, { iid: Number(issue.id), state: issue.closed ? 'closed' : 'opened', title: issue.title });
      return send(response, 200, { key: issue.id, fields: { status: { name: issue.closed ? 'Done' : 'To Do', statusCategory: { key: issue.closed ? 'done' : 'new' } } } });
    }
    return refuse(response, 405, [`${request.method} ${url.pathname} is not part of the documented subset`]);
  }

  async function listen(at: number): Promise<void> {
    server = createServer((request, response) => void handle(request, response).catch((error: Error) => refuse(response, 500, [error.message])));
    await new Promise<void>((done) => (server as Server).listen(at, '127.0.0.1', done));
    port = ((server as Server).address() as AddressInfo).port;
  }
  await listen(0);
  return state;
}
