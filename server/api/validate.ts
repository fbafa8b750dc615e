/** Parses a request part with its zod schema, or throws a 400 problem naming each bad field. */
import type { Request } from 'express';
import { z } from 'zod';
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

/** A query list given as repeated parameters (`?tier=a&tier=b`) or comma-separated (`?tier=a,b`). */
export const commaList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));
