/** How failures become problem+json: the mapping is pure, so each class of error is checked here. */
import { describe, expect, it } from 'vitest';
import { fromZod, toProblem } from '../../../server/api/problem.ts';
import { z } from 'zod';
import { OverflowError } from '../../../server/analytics/errors.ts';
import { DomainError } from '../../../server/services/errors.ts';
import { DatabaseUnavailableError } from '../../../server/db/database.ts';
import { ConvergenceConditionError, AnalyticsInputError } from '../../../server/analytics/errors.ts';
import { ImportBusyError } from '../../../server/services/importService.ts';
import { WriteMismatchError } from '../../../server/services/import/write.ts';

const neo4jError = (code: string) => Object.assign(new Error('internal detail'), { code });

describe('toProblem', () => {
  it('maps Neo4j query timeouts and transient errors to 503, constraint conflicts to 409, without internals', () => {
    const timeout = toProblem(neo4jError('Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration'))!;
    expect(timeout).toMatchObject({ status: 503, title: 'Query too expensive' });
    const transient = toProblem(neo4jError('Neo.TransientError.Transaction.DeadlockDetected'))!;
    expect(transient).toMatchObject({ status: 503, extra: { retryAfter: 2 } });
    const conflict = toProblem(neo4jError('Neo.ClientError.Schema.ConstraintValidationFailed'))!;
    expect(conflict.status).toBe(409);
    for (const p of [timeout, transient, conflict]) expect(p.detail).not.toContain('internal detail');
  });

  it('maps an unreachable database to 503', () => {
    expect(toProblem(new DatabaseUnavailableError('x'))!.status).toBe(503);
    expect(toProblem(neo4jError('ServiceUnavailable'))!.status).toBe(503);
  });

  it('tells clients when to ask again for metrics still being computed', () => {
    const p = toProblem(new DomainError(409, 'Metrics not computed yet', 'later'))!;
    expect(p).toMatchObject({ status: 409, extra: { retryAfter: 3 } });
    expect(toProblem(new DomainError(409, 'Other conflict', 'x'))!.extra).toEqual({});
  });

  it('maps analytics and import errors to 4xx with the field named', () => {
    expect(toProblem(new AnalyticsInputError('weights', 'bad weights'))!).toMatchObject({ status: 400, errors: [{ path: 'weights' }] });
    expect(toProblem(new ConvergenceConditionError('firm f0 buys too much', 'f0', 2, 1, 1))!).toMatchObject({ status: 422, detail: 'firm f0 buys too much' });
    expect(toProblem(new ImportBusyError())!.status).toBe(409);
    expect(toProblem(new WriteMismatchError('changed'))!.status).toBe(409);
  });

  it('maps body-parser failures and leaves unknown errors to the 500 handler', () => {
    expect(toProblem({ type: 'entity.too.large', status: 413, expose: true })!.status).toBe(413);
    expect(toProblem({ type: 'entity.parse.failed', status: 400, expose: true })!.title).toBe('Malformed JSON');
    expect(toProblem(new Error('boom'))).toBeNull();
  });

  it('maps malformed input to 400, and input that fits the schema but breaks a rule across fields to 422', () => {
    const Range = z.object({ min: z.number(), max: z.number() }).refine((r) => r.min <= r.max, { path: ['min'], message: 'must not exceed max' });
    expect(fromZod('query', Range.safeParse({ min: 'x', max: 1 }).error!)).toMatchObject({ status: 400, errors: [{ path: 'query.min' }] });
    expect(fromZod('query', Range.safeParse({ min: 2, max: 1 }).error!)).toMatchObject({ status: 422, errors: [{ path: 'query.min', message: 'must not exceed max' }] });
  });

  it('maps overflowing numbers to 422 naming the input, and library 4xx errors to their status without internals', () => {
    expect(toProblem(new OverflowError('body.shocks', 'too big'))).toMatchObject({ status: 422, title: 'Numbers out of range', errors: [{ path: 'body.shocks' }] });
    const uri = Object.assign(new URIError('URI malformed at /secret/path'), { status: 400 });
    expect(toProblem(uri)).toMatchObject({ status: 400, detail: 'The request path is not valid percent-encoding.' });
    const enoent = Object.assign(new Error("ENOENT: no such file or directory, stat '/srv/x'"), { status: 404, expose: false });
    expect(toProblem(enoent)).toMatchObject({ status: 404, detail: 'No such file.' });
  });
});
