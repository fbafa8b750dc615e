/**
 * The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with: each router
 * describes its operations here as it defines them.
 */
import { z } from 'zod';
import type { Role } from '../domain/roles.ts';

export interface Operation {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  response?: z.ZodType;
  /** Roles that may call it (any role that grants one of them); absent: anyone. */
  roles?: Role[];
  /** Problem statuses the operation answers with besides the default. */
  problems?: number[];
}

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
    const problem = { description: 'Problem', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } };
    const paths: Record<string, Record<string, object>> = {};
    for (const op of this.operations) {
      const openPath = op.path.replace(/:([A-Za-z]+)/g, '{$1}');
      const parameters: object[] = [];
      for (const [, name] of op.path.matchAll(/:([A-Za-z]+)/g)) {
        parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
      }
      if (op.query) {
        for (const [name, schema] of Object.entries(op.query.shape)) {
          const json = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
          delete json.$schema;
          parameters.push({ name, in: 'query', required: !(schema as z.ZodType).safeParse(undefined).success, schema: json });
        }
      }
      const operation: Record<string, unknown> = {
        summary: op.summary,
        tags: [op.tag],
        parameters,
        responses: {
          '200': {
            description: 'OK',
            ...(op.response ? { content: { 'application/json': { schema: jsonSchema(op.response, 'output') } } } : {}),
          },
          ...Object.fromEntries((op.problems ?? []).map((status) => [String(status), problem])),
          default: problem,
        },
      };
      if (op.body) operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(op.body, 'input') } } };
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
