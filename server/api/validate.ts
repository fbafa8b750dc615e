/** Parses a request part with its zod schema, or throws a 400 problem naming each bad field. */
import type { Request } from 'express';
import { z } from 'zod';
import { OverflowError } from '../analytics/errors.ts';
import { fromZod } from './problem.ts';

export function parseQuery<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const result = schema.safeParse(req.query);
  if (!result.success) throw fromZod('query', result.error);
  return result.data;
}

export function parseBody<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const result = schema.safeParse(req.body ?? {});
  if (!result.success) throw fromZod('body', result.error);
  return result.data;
}

export function parseParams<S extends z.ZodType>(schema: S, req: Request): z.infer<S> {
  const result = schema.safeParse(req.params);
  if (!result.success) throw fromZod('params', result.error);
  return result.data;
}

/**
 * Free text that must say something. White space alone is refused, and the schema's pattern (\S) says so,
 * so that every value the OpenAPI allows is one the server accepts (schemathesis sends "\r" otherwise).
 */
export const nonBlankText = (max: number) => z.string().max(max).regex(/\S/, 'must not be blank').trim();

/** A query list given as repeated parameters (`?tier=a&tier=b`) or comma-separated (`?tier=a,b`). */
export const commaList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

/**
 * A result whose numbers overflowed (JSON would silently turn ±Infinity and NaN into null) is refused
 * with 422 naming `field`, the input that made it too large.
 */
export function finiteResult<T>(result: T, field: string): T {
  const check = (v: unknown): boolean => {
    if (typeof v === 'number') return Number.isFinite(v);
    if (Array.isArray(v)) return v.every(check);
    if (v && typeof v === 'object') return Object.values(v).every(check);
    return true;
  };
  if (!check(result)) throw new OverflowError(field, `${field}: the amounts are so large that the results overflow; use smaller amounts (KRW million).`);
  return result;
}
