/**
 * The request shapes of the tracker APIs the follow-ups use, written here
 * from the providers' own descriptions (not from our builders), for the
 * loopback trackers (trackerServers.ts) to check every request against:
 *
 * - GitHub, from its OpenAPI description (github/rest-api-description,
 *   api.github.com.json), operations `issues/create`
 *   (`POST /repos/{owner}/{repo}/issues`, requestBody required, `title`
 *   required, string or integer; `body` string; `labels` an array of
 *   strings or `{ id, name, description, color }` objects; `assignee`,
 *   `assignees`, `milestone`, `type`) and `issues/get`
 *   (`GET /repos/{owner}/{repo}/issues/{issue_number}`, an integer). Headers
 *   from its REST docs: `Authorization: Bearer <token>`, `Accept:
 *   application/vnd.github+json`, `X-GitHub-Api-Version: 2022-11-28`, and a
 *   `User-Agent` (requests without one are refused).
 * - GitLab, from its REST docs (Issues API): `POST /projects/:id/issues`
 *   (`title` required; `description`; `labels` a comma-separated string;
 *   `:id` a number or the URL-encoded path), `GET /projects/:id/issues/:issue_iid`,
 *   `PRIVATE-TOKEN` header.
 * - Jira Cloud REST v3: `POST /rest/api/3/issue` with `fields.project`
 *   (`key` or `id`), `fields.summary` (at most 255, one line),
 *   `fields.issuetype` (`name` or `id`), an Atlassian Document `description`,
 *   `labels` strings without spaces; `GET /rest/api/3/issue/{issueIdOrKey}`;
 *   basic authentication with the account's email and an API token.
 */
export type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A small JSON Schema subset: type, required, properties, items, oneOf, enum, maxLength, pattern, additionalProperties: false. */
export interface SchemaSubset {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  nullable?: boolean;
  required?: readonly string[];
  properties?: Record<string, SchemaSubset>;
  additionalProperties?: false;
  items?: SchemaSubset;
  oneOf?: readonly SchemaSubset[];
  enum?: readonly unknown[];
  maxLength?: number;
  pattern?: string;
}

export function schemaProblems(value: unknown, schema: SchemaSubset, where = 'body'): string[] {
  if (value === null && schema.nullable) return [];
  if (schema.oneOf) return schema.oneOf.some((option) => !schemaProblems(value, option, where).length) ? [] : [`${where} matches none of its allowed shapes`];
  if (schema.enum && !schema.enum.includes(value)) return [`${where} must be one of ${JSON.stringify(schema.enum)}`];
  switch (schema.type) {
    case 'object': {
      if (!isObject(value)) return [`${where} must be an object`];
      const problems = (schema.required ?? []).filter((key) => !(key in value)).map((key) => `${where}.${key} is required`);
      for (const [key, child] of Object.entries(value)) {
        const property = schema.properties?.[key];
        if (property) problems.push(...schemaProblems(child, property, `${where}.${key}`));
        else if (schema.additionalProperties === false) problems.push(`${where}: unknown key "${key}"`);
      }
      return problems;
    }
    case 'array':
      return Array.isArray(value) ? value.flatMap((item, index) => (schema.items ? schemaProblems(item, schema.items, `${where}[${index}]`) : [])) : [`${where} must be an array`];
    case 'string':
      if (typeof value !== 'string') return [`${where} must be a string`];
      if (schema.maxLength !== undefined && [...value].length > schema.maxLength) return [`${where} is over ${schema.maxLength} characters`];
      return schema.pattern && !new RegExp(schema.pattern).test(value) ? [`${where} does not match ${schema.pattern}`] : [];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${where} must be an integer`];
    case 'number':
      return typeof value === 'number' ? [] : [`${where} must be a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${where} must be a boolean`];
    default:
      return [];
  }
}

const stringOrInteger: SchemaSubset = { oneOf: [{ type: 'string' }, { type: 'integer' }] };

/** GitHub's `issues/create` request body (OpenAPI, api.github.com.json). */
export const GITHUB_CREATE_ISSUE: SchemaSubset = {
  type: 'object',
  required: ['title'],
  additionalProperties: false,
  properties: {
    title: stringOrInteger,
    body: { type: 'string' },
    assignee: { type: 'string', nullable: true },
    milestone: { ...stringOrInteger, nullable: true },
    labels: {
      type: 'array',
      items: {
        oneOf: [
          { type: 'string' },
          {
            type: 'object',
            properties: { id: { type: 'integer' }, name: { type: 'string' }, description: { type: 'string', nullable: true }, color: { type: 'string', nullable: true } },
          },
        ],
      },
    },
    assignees: { type: 'array', items: { type: 'string' } },
    type: { type: 'string', nullable: true },
  },
};

/** GitHub's required and recommended headers for both operations. */
export function githubHeaderProblems(headers: Record<string, string | string[] | undefined>, token: string): string[] {
  const problems: string[] = [];
  if (headers.authorization !== `Bearer ${token}`) problems.push('Authorization must be "Bearer <token>"');
  if (headers.accept !== 'application/vnd.github+json') problems.push('Accept must be application/vnd.github+json');
  if (!['2022-11-28', '2026-03-10'].includes(String(headers['x-github-api-version']))) problems.push('X-GitHub-Api-Version must be a supported version (2022-11-28)');
  if (!headers['user-agent']) problems.push('a User-Agent is required');
  return problems;
}

/** GitLab's `POST /projects/:id/issues` body (the attributes the feature may send; GitLab takes more). */
export const GITLAB_CREATE_ISSUE: SchemaSubset = {
  type: 'object',
  required: ['title'],
  additionalProperties: false,
  properties: {
    title: { type: 'string', maxLength: 255 },
    description: { type: 'string', maxLength: 1_048_576 },
    labels: { type: 'string' },
    assignee_ids: { type: 'array', items: { type: 'integer' } },
    due_date: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    confidential: { type: 'boolean' },
  },
};

const atlassianDocument: SchemaSubset = {
  type: 'object',
  required: ['type', 'version', 'content'],
  properties: {
    type: { enum: ['doc'] },
    version: { enum: [1] },
    content: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type'],
        properties: {
          type: { type: 'string' },
          content: { type: 'array', items: { type: 'object', required: ['type'], properties: { type: { type: 'string' }, text: { type: 'string' } } } },
        },
      },
    },
  },
};

/** Jira Cloud's `POST /rest/api/3/issue` body, the fields the feature sends. */
export const JIRA_CREATE_ISSUE: SchemaSubset = {
  type: 'object',
  required: ['fields'],
  properties: {
    fields: {
      type: 'object',
      required: ['project', 'summary', 'issuetype'],
      properties: {
        project: {
          oneOf: [
            { type: 'object', required: ['key'], properties: { key: { type: 'string' } } },
            { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
          ],
        },
        summary: { type: 'string', maxLength: 255, pattern: '^[^\\r\\n]*$' },
        issuetype: {
          oneOf: [
            { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
            { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
          ],
        },
        description: atlassianDocument,
        labels: { type: 'array', items: { type: 'string', pattern: '^\\S+$' } },
      },
    },
    update: { type: 'object' },
  },
};
