/**
 * The two calls to the team's tracker: make an action item's issue, read an
 * issue's state. The request shapes are in src/core/retrospective/
 * trackerRequests.ts; here the token joins them in its one header (GitHub:
 * `Authorization: Bearer`, GitLab: `PRIVATE-TOKEN`, Jira: basic
 * authentication of the account's email and the token), and the fetch is
 * the deliveries' (httpPost.ts: a time limit, no redirect followed, the
 * answer capped). An answer comes back as data, never thrown, its reason one
 * line without the token (withoutSecrets).
 *
 * Making an issue cannot be repeated safely, so a failure says whether the
 * request may have reached the tracker: a connection that was never made
 * (refused, offline, a name that does not resolve) is `unsent` and simply
 * tried later; a timeout or a connection cut during the exchange is
 * `uncertain`, for a person to look in the tracker first.
 */
import {
  createIssueRequest,
  getIssueRequest,
  readCreatedIssue,
  readIssueClosed,
  trackerName,
  type IssueContent,
  type TrackerRequest,
  type TrackerSettings,
} from '../../core/retrospective/trackerRequests';
import { requestJson, type Fetch } from '../delivery/httpPost';
import { errorCode, isRetryableStatus, networkFailureOf, withoutSecrets } from '../delivery/sendResult';

export interface CallSettings {
  timeoutMs: number;
  fetch?: Fetch;
}

export type CallFailure = { ok: false; reason: string; retryable: boolean; unsent?: boolean; uncertain?: boolean };
export type IssueMade = { ok: true; issue: string; url: string } | CallFailure;
export type IssueRead = { ok: true; closed: boolean } | CallFailure;

/** Codes of a connection that was never made: the request cannot have reached the tracker. */
const NEVER_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function authorization(settings: TrackerSettings, token: string): Record<string, string> {
  if (settings.kind === 'github') return { Authorization: `Bearer ${token}` };
  if (settings.kind === 'gitlab') return { 'PRIVATE-TOKEN': token };
  return { Authorization: `Basic ${Buffer.from(`${settings.email ?? ''}:${token}`).toString('base64')}` };
}

function statusAdvice(status: number): string {
  if (status === 401 || status === 403) return "the token was refused: set the tracker's token again (it must be allowed to write issues)";
  if (status === 404) return 'the repository or project was not found, or the token cannot see it';
  if (status === 410) return 'issues are turned off there';
  if (status === 400 || status === 422) return 'the issue was refused (a label or issue type the project does not have?)';
  if (status === 429) return 'rate limited; it will be tried again';
  if (status >= 500) return 'a server error there; it will be tried again';
  if (status >= 300 && status < 400) return 'it answered with a redirect, which is never followed: set the final API URL in the plan';
  return 'an unexpected answer';
}

/** One call: the answer's text on a 2xx, else a failure in one line. */
async function call(settings: TrackerSettings, request: TrackerRequest, token: string, options: CallSettings): Promise<{ ok: true; text: string } | CallFailure> {
  const name = trackerName(settings.kind);
  try {
    const answer = await requestJson(request.method, request.url, request.body, { ...request.headers, ...authorization(settings, token) }, options);
    if (answer.status >= 200 && answer.status < 300) return { ok: true, text: answer.text };
    // A refused request made nothing; a server error may have, but the trackers answer 5xx before writing far more often than after.
    return { ok: false, reason: `${answer.status} from ${name}: ${statusAdvice(answer.status)}`, retryable: isRetryableStatus(answer.status) };
  } catch (error) {
    const failure = withoutSecrets(networkFailureOf(name, error, options.timeoutMs), [token]);
    const code = errorCode(error);
    const unsent = code !== undefined && NEVER_CONNECTED.has(code);
    return { ok: false, reason: failure.ok ? 'no answer' : failure.reason, retryable: unsent, ...(unsent ? { unsent } : { uncertain: true }) };
  }
}

/** Makes the issue; never throws, never holds the token in what it answers. */
export async function createIssue(settings: TrackerSettings, content: IssueContent, token: string, options: CallSettings): Promise<IssueMade> {
  const answer = await call(settings, createIssueRequest(settings, content), token, options);
  if (!answer.ok) return answer.uncertain ? { ...answer, reason: `${answer.reason}; the issue may have been made: look in ${trackerName(settings.kind)} before retrying` } : answer;
  const made = readCreatedIssue(settings, answer.text);
  return made
    ? { ok: true, ...made }
    : {
        ok: false,
        retryable: false,
        uncertain: true,
        reason: `${trackerName(settings.kind)} answered without the issue's number: it was probably made; look there before retrying`,
      };
}

/** Reads whether the issue is closed. */
export async function readIssue(settings: TrackerSettings, issue: string, token: string, options: CallSettings): Promise<IssueRead> {
  const answer = await call(settings, getIssueRequest(settings, issue), token, options);
  if (!answer.ok) return answer;
  const closed = readIssueClosed(settings, answer.text);
  return closed === undefined ? { ok: false, retryable: true, reason: `${trackerName(settings.kind)} answered without the issue's state` } : { ok: true, closed };
}
