/**
 * The requests that make and read an action item's issue in the team's
 * tracker, and what their answers say, for the subset of each REST API the
 * follow-ups use:
 *   - GitHub: `POST /repos/{owner}/{repo}/issues` (title, body, labels) and
 *     `GET /repos/{owner}/{repo}/issues/{number}` (state `closed`);
 *   - GitLab: `POST /api/v4/projects/:id/issues` (title, description,
 *     labels as one comma-separated text) and `GET …/issues/:iid` (state
 *     `closed`);
 *   - Jira Cloud: `POST /rest/api/3/issue` (fields.project.key, summary,
 *     issuetype, an Atlassian Document description, labels) and
 *     `GET /rest/api/3/issue/{key}?fields=status` (status category `done`).
 * Without the credential: the sender (src/workflows/tracker/) adds the one
 * header that carries it, so nothing here ever holds a token.
 */
import type { TrackerKind } from '../record/recordValues';

export interface TrackerSettings {
  kind: TrackerKind;
  /** The API's base, without a trailing slash. */
  baseUrl: string;
  /** GitHub's OWNER/REPOSITORY, GitLab's project id or path, Jira's project key. */
  project: string;
  labels: readonly string[];
  /** Jira: the account the token belongs to, and the issue type. */
  email?: string;
  issueType?: string;
}

export interface TrackerRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** What the issue says: the action item, where it came from, and how it is closed. */
export interface IssueContent {
  title: string;
  lines: readonly string[];
}

const TRACKER_NAMES: Record<TrackerKind, string> = { github: 'GitHub', gitlab: 'GitLab', jira: 'Jira' };
export const trackerName = (kind: TrackerKind): string => TRACKER_NAMES[kind];

const GITHUB_HEADERS = { Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' };
const JSON_HEADERS = { Accept: 'application/json', 'Content-Type': 'application/json' };

const repoPath = (settings: TrackerSettings) =>
  settings.project
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
const gitlabProject = (settings: TrackerSettings) => `${settings.baseUrl}/api/v4/projects/${encodeURIComponent(settings.project)}`;

/** Jira's description: each line a paragraph of plain text (Atlassian Document Format). */
const atlassianDocument = (lines: readonly string[]) => ({
  type: 'doc',
  version: 1,
  content: lines.filter((line) => line.trim()).map((line) => ({ type: 'paragraph', content: [{ type: 'text', text: line }] })),
});

/** The request that makes the issue. */
export function createIssueRequest(settings: TrackerSettings, content: IssueContent): TrackerRequest {
  const text = content.lines.join('\n\n');
  const labels = settings.labels.length ? settings.labels : undefined;
  if (settings.kind === 'github')
    return {
      method: 'POST',
      url: `${settings.baseUrl}/repos/${repoPath(settings)}/issues`,
      headers: GITHUB_HEADERS,
      body: JSON.stringify({ title: content.title, body: text, ...(labels ? { labels } : {}) }),
    };
  if (settings.kind === 'gitlab')
    return {
      method: 'POST',
      url: `${gitlabProject(settings)}/issues`,
      headers: JSON_HEADERS,
      body: JSON.stringify({ title: content.title, description: text, ...(labels ? { labels: labels.join(',') } : {}) }),
    };
  const fields = {
    project: { key: settings.project },
    summary: content.title.replace(/[\r\n]+/g, ' ').slice(0, 255),
    issuetype: { name: settings.issueType ?? 'Task' },
    description: atlassianDocument(content.lines),
    ...(labels ? { labels } : {}),
  };
  return { method: 'POST', url: `${settings.baseUrl}/rest/api/3/issue`, headers: JSON_HEADERS, body: JSON.stringify({ fields }) };
}

/** The request that reads the issue's state. */
export function getIssueRequest(settings: TrackerSettings, issue: string): TrackerRequest {
  if (settings.kind === 'github') return { method: 'GET', url: `${settings.baseUrl}/repos/${repoPath(settings)}/issues/${encodeURIComponent(issue)}`, headers: GITHUB_HEADERS };
  if (settings.kind === 'gitlab') return { method: 'GET', url: `${gitlabProject(settings)}/issues/${encodeURIComponent(issue)}`, headers: { Accept: 'application/json' } };
  return { method: 'GET', url: `${settings.baseUrl}/rest/api/3/issue/${encodeURIComponent(issue)}?fields=status`, headers: { Accept: 'application/json' } };
}

const parsed = (text: string): Record<string, unknown> | undefined => {
  try {
    const value = JSON.parse(text) as unknown;
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};
const httpUrl = (value: unknown) => (typeof value === 'string' && /^https?:\/\/\S+$/.test(value) && value.length <= 2000 ? value : undefined);
const issueId = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) ? String(value) : typeof value === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(value) ? value : undefined;

/** The made issue's number or key and its page, from a 2xx answer; undefined when the answer has neither. */
export function readCreatedIssue(settings: TrackerSettings, text: string): { issue: string; url: string } | undefined {
  const answer = parsed(text);
  if (!answer) return undefined;
  const issue = issueId(settings.kind === 'github' ? answer.number : settings.kind === 'gitlab' ? answer.iid : answer.key);
  const url = settings.kind === 'github' ? httpUrl(answer.html_url) : settings.kind === 'gitlab' ? httpUrl(answer.web_url) : issue && `${settings.baseUrl}/browse/${issue}`;
  return issue && url ? { issue, url } : undefined;
}

/** Whether the issue is closed (Jira: its status is in the Done category), from a 2xx answer; undefined when the answer does not say. */
export function readIssueClosed(settings: TrackerSettings, text: string): boolean | undefined {
  const answer = parsed(text);
  if (!answer) return undefined;
  if (settings.kind !== 'jira') return typeof answer.state === 'string' ? answer.state === 'closed' : undefined;
  const category = (answer.fields as { status?: { statusCategory?: { key?: unknown } } } | undefined)?.status?.statusCategory?.key;
  return typeof category === 'string' ? category === 'done' : undefined;
}
