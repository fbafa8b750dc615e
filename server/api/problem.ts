/**
 * Every failure leaves the API as application/problem+json (RFC 9457). Internals go to the log only.
 */
import type { ErrorRequestHandler, Response } from 'express';
import { z } from 'zod';
import { DatabaseUnavailableError, isUnavailable } from '../db/database.ts';
import { EmptyReplaceError, ImportBusyError, ImportValidationError } from '../services/importService.ts';
import { DomainError } from '../services/errors.ts';
import { AnalyticsError, AnalyticsInputError, OverflowError } from '../analytics/errors.ts';
import { WriteMismatchError } from '../services/import/write.ts';
import type { Logger } from '../log.ts';

export interface FieldError {
  path: string;
  message: string;
  [extra: string]: unknown;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    readonly extra: Record<string, unknown> = {},
  ) {
    super(detail);
  }
}

export const badRequest = (detail: string, errors?: FieldError[]) => new HttpProblem(400, 'Bad request', detail, errors);
export const notFound = (detail: string) => new HttpProblem(404, 'Not found', detail);

export function fromZod(where: 'query' | 'body' | 'params', error: z.ZodError): HttpProblem {
  const errors = error.issues.map((i) => ({ path: [where, ...i.path].join('.'), message: i.message }));
  const first = errors[0];
  // Rules across fields (weights that sum to zero, from after to) are not expressible in the OpenAPI
  // schema: input that fits the schema but breaks only those is refused as unprocessable, not malformed.
  const status = error.issues.every((i) => i.code === 'custom') ? 422 : 400;
  return new HttpProblem(status, 'Invalid request', `${first.path}: ${first.message}`, errors);
}

/** The problem+json document of a problem (also what an import job reports as its refusal). */
export function problemBody(p: HttpProblem): Record<string, unknown> {
  return {
    type: `https://anchorage.example/problems/${p.title.toLowerCase().replace(/[^a-z]+/g, '-')}`,
    title: p.title,
    status: p.status,
    detail: p.detail,
    ...(p.errors ? { errors: p.errors } : {}),
    ...p.extra,
  };
}

export function sendProblem(res: Response, p: HttpProblem): void {
  if (p.status === 503 || p.extra.retryAfter !== undefined) res.set('Retry-After', String(p.extra.retryAfter ?? 5));
  if (p.status === 401) res.set('WWW-Authenticate', 'Bearer realm="anchorage"');
  res.status(p.status).type('application/problem+json').json(problemBody(p));
}

export function toProblem(error: unknown): HttpProblem | null {
  if (error instanceof HttpProblem) return error;
  if (error instanceof ImportValidationError) {
    return new HttpProblem(
      422,
      'Invalid import',
      error.message,
      error.issues.map((i) => ({ path: `${i.section}[${i.index}].${i.field}`, message: i.reason, ...i })),
      { errorCount: error.issueCount },
    );
  }
  if (error instanceof ImportBusyError) return new HttpProblem(409, 'Import in progress', error.message);
  if (error instanceof EmptyReplaceError) {
    return new HttpProblem(422, 'Replace would delete everything', 'A replace without firms deletes the whole network; send allowEmpty=true if that is what you want.', [
      { path: 'query.allowEmpty', message: 'must be true for a replace without firms' },
    ]);
  }
  if (error instanceof AnalyticsInputError) {
    return new HttpProblem(400, 'Invalid request', error.message, [{ path: error.field, message: error.message }]);
  }
  if (error instanceof OverflowError) {
    return new HttpProblem(422, 'Numbers out of range', error.message, [{ path: error.field, message: 'too large: the result would overflow' }]);
  }
  if (error instanceof AnalyticsError) {
    const title = { 'unknown-firm': 'Unknown firm', 'convergence-condition': 'Network breaks the convergence condition', 'not-converged': 'Solve did not converge', 'invalid-input': 'Invalid request', overflow: 'Numbers out of range' }[error.code];
    return new HttpProblem(422, title, error.message);
  }
  if (error instanceof WriteMismatchError) return new HttpProblem(409, 'Data changed during the import', `${error.message}. Try again.`);
  if (error instanceof DomainError) {
    // Metrics are computed within seconds of a start or an import: tell clients when to ask again.
    const extra = error.status === 409 && error.title.startsWith('Metrics') ? { retryAfter: 3 } : {};
    return new HttpProblem(error.status, error.title, error.message, error.errors, extra);
  }
  if (error instanceof DatabaseUnavailableError || isUnavailable(error)) {
    return new HttpProblem(503, 'Database unavailable', 'The graph database is not reachable right now; try again shortly.');
  }
  const neo4jCode = (error as { code?: unknown })?.code;
  if (typeof neo4jCode === 'string' && neo4jCode.startsWith('Neo.')) {
    if (/TransactionTimedOut/.test(neo4jCode)) {
      return new HttpProblem(503, 'Query too expensive', 'The request needed more than the time allowed for one query; narrow it (a smaller depth, limit or filter).');
    }
    if (neo4jCode.startsWith('Neo.TransientError')) {
      return new HttpProblem(503, 'Database busy', 'The database could not complete the request just now; try again shortly.', undefined, { retryAfter: 2 });
    }
    if (neo4jCode === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return new HttpProblem(409, 'Conflicting change', 'Another change to the same firms happened at the same time; try again.');
    }
  }
  const e = error as { type?: string; status?: number; statusCode?: number; expose?: boolean; message?: string };
  // Errors raised by express.json() (body too large, malformed JSON) carry a status and are safe to show.
  if (e?.type === 'entity.too.large') return new HttpProblem(413, 'Body too large', 'The request body exceeds the size limit; use the CLI for very large imports.');
  if (e?.type === 'entity.parse.failed') return new HttpProblem(400, 'Malformed JSON', 'The request body is not valid JSON.');
  // Other library errors that carry a 4xx status (a missing static file, a path that does not
  // percent-decode) are the client's; their message is shown only when the library marks it safe.
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    if (status === 404) return new HttpProblem(404, 'Not found', 'No such file.');
    const detail = error instanceof URIError ? 'The request path is not valid percent-encoding.' : e.expose && e.message ? e.message : 'The request could not be read.';
    return new HttpProblem(status, 'Bad request', detail);
  }
  return null;
}

export function problemHandler(log: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const problem = toProblem(error);
    if (problem) {
      if (problem.status >= 500) log.warn(`${req.method} ${req.path}: ${problem.detail}`, { cause: String((error as Error)?.cause ?? '') });
      sendProblem(res, problem);
      return;
    }
    log.error(`${req.method} ${req.path} failed`, { error: (error as Error)?.stack ?? String(error) });
    sendProblem(res, new HttpProblem(500, 'Internal error', 'Something went wrong on our side; it has been logged.'));
  };
}
