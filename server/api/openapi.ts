/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with: each router
 * describes its operations here as it defines them. Every status an operation can answer is declared:
 * its success status with the response schema, and the problems it can give — the ones every operation
 * can give (403 for a host or origin not allowed, 503 while the database is down), the ones that follow
 * from what it takes (400 for parameters or a body, 401 for a role, 404 for a path id, 413 for a body,
 * 429 when rate-limited) and its own (`problems`).
 */
import { z } from 'zod';
import type { Role } from '../domain/roles.ts';
import { rateLimited } from './rateLimits.ts';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  /** The path parameters' schema (default: each a string). */
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Files sent as multipart/form-data, each a required part (instead of a JSON body). */
  upload?: readonly string[];
  /** Success status(es), default 200; all share `response`. */
  status?: number | number[];
  /** The success body; `null` for none (204). */
  response?: z.ZodType | null;
  /** The success body may also be CSV (text/csv). */
  csv?: boolean;
  /** Problem statuses of its own (e.g. 409, 422), beyond the ones that follow from the above. */
  problems?: number[];
  /** Roles that may call it (any role that grants one of them); absent: anyone. */
  roles?: Role[];
}

const PROBLEM_TITLES: Record<number, string> = {
  400: 'Invalid request: a parameter or the body is malformed (errors[] names each field)',
  401: 'Authentication required: no valid credentials',
  403: 'Forbidden: the role does not grant this, or the host or origin is not allowed',
  404: 'Not found',
  409: 'Conflict with the current state',
  410: 'Gone: the operation is retired (the problem says what replaces it)',
  413: 'Body too large',
  415: 'Unsupported media type: the body is not in the format the operation takes',
  422: 'Well-formed but refused (errors[] says why)',
  429: 'Too many requests: see Retry-After',
  503: 'Database unavailable or busy: see Retry-After',
};

export class ApiDescription {
  private readonly operations: Operation[] = [];

  add(op: Operation): void {
    this.operations.push(op);
  }

  /** The methods declared for a concrete request path (empty when no operation has the path). */
  methodsAt(requestPath: string): string[] {
    const trimmed = requestPath.length > 1 ? requestPath.replace(/\/+$/, '') : requestPath;
    return this.operations
      .filter((op) => new RegExp(`^${op.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`).test(trimmed))
      .map((op) => op.method.toUpperCase());
  }

  document(): object {
    const paths: Record<string, Record<string, object>> = {};
    for (const op of this.operations) {
      const openPath = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const parameters: object[] = [];
      const pathNames = [...op.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      for (const name of pathNames) {
        const schema = op.params?.shape[name] as z.ZodType | undefined;
        parameters.push({ name, in: 'path', required: true, schema: schema ? jsonSchema(schema, 'input') : { type: 'string' } });
      }
      if (op.query) {
        for (const [name, schema] of Object.entries(op.query.shape)) {
          const required = !(schema as z.ZodType).safeParse(undefined).success;
          // A list (commaList) is declared as what it becomes, an array sent comma-separated (`tier=a,b`).
          const output = jsonSchema(schema as z.ZodType, 'output');
          if (output.type === 'array') parameters.push({ name, in: 'query', required, style: 'form', explode: false, schema: output });
          else parameters.push({ name, in: 'query', required, schema: jsonSchema(schema as z.ZodType, 'input') });
        }
      }
      const responses: Record<string, object> = {};
      const success = op.response === null ? undefined : op.response;
      const content: Record<string, object> = {};
      if (success) content['application/json'] = { schema: jsonSchema(success, 'output') };
      if (op.csv) content['text/csv'] = { schema: { type: 'string' } };
      for (const status of [op.status ?? 200].flat()) {
        responses[String(status)] = { description: status === 204 ? 'Done, no content' : 'OK', ...(Object.keys(content).length && status !== 204 ? { content } : {}) };
      }
      const problems = new Set([403, 503, ...(op.problems ?? [])]);
      if (op.query || op.body || op.upload || pathNames.length) problems.add(400);
      if (op.roles) problems.add(401);
      if (pathNames.length) problems.add(404);
      if (op.body || op.upload) problems.add(413);
      if (rateLimited(op.method, op.path)) problems.add(429);
      for (const status of [...problems].sort((a, b) => a - b)) {
        if (responses[String(status)]) continue;
        responses[String(status)] = { description: PROBLEM_TITLES[status] ?? 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
      }
      responses.default = { description: 'Unexpected error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
      const operation: Record<string, unknown> = { summary: op.summary, tags: [op.tag], parameters, responses };
      if (op.body) operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } };
      if (op.upload) {
        const properties = Object.fromEntries(op.upload.map((name) => [name, { type: 'string', format: 'binary' }]));
        const schema = { type: 'object', required: [...op.upload], properties, additionalProperties: false };
        operation.requestBody = { required: true, content: { 'multipart/form-data': { schema } } };
      }
      if (op.roles) {
        operation.security = [{ bearerToken: [] }, { sessionCookie: [] }];
        operation.description = `Needs the ${op.roles.join(' or ')} role.`;
        operation['x-roles'] = op.roles;
      }
      (paths[openPath] ??= {})[op.method] = operation;
    }
    return {
      openapi: '3.1.0',
      info: { title: 'Anchorage API', version: '1.0.0', description: 'Supply-chain network explorer. Money in KRW million.' },
      paths,
      components: {
        securitySchemes: {
          bearerToken: { type: 'http', scheme: 'bearer' },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'anchorage_session' },
        },
        schemas: {
          Problem: {
            type: 'object',
            required: ['type', 'title', 'status', 'detail'],
            properties: {
              type: { type: 'string' },
              title: { type: 'string' },
              status: { type: 'integer' },
              detail: { type: 'string' },
              errors: { type: 'array', items: { type: 'object', properties: { path: { type: 'string' }, message: { type: 'string' } } } },
            },
          },
        },
      },
    };
  }
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}
