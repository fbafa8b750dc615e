/**
 * Rate limits per client address: one budget for writes, one for the reads that cost the most (scenario
 * solves, rankings, graph walks). Cheap reads are not limited. 0 turns a limit off.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { HttpProblem, sendProblem } from './problem.ts';

export interface RateLimits {
  writesPerMinute: number;
  expensiveReadsPerMinute: number;
}

/** Scenario solves and wide reads: each can take a CPU for tens of milliseconds or more. */
const EXPENSIVE = /^\/api\/(ripple|disruption|extraction|candidates|graph|path|communities|firms\/[^/]+\/(network|ax-plan|localisation)|restructuring\/evaluate|scenario-comparison|scenarios\/[^/]+\/result)\/?$/;
const SCENARIO_POSTS = /^\/api\/(ripple|disruption|extraction|restructuring\/evaluate)\/?$/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function limiter(perMinute: number, what: string): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    handler: (_req, res, _next, options) => {
      const retryAfter = Math.max(1, Math.ceil(Number(res.getHeader('Retry-After') ?? options.windowMs / 1000)));
      sendProblem(res, new HttpProblem(429, 'Too many requests', `More than ${perMinute} ${what} a minute from this client; try again in ${retryAfter} s.`, undefined, { retryAfter }));
    },
  });
}

function isExpensive(method: string, path: string): boolean {
  return EXPENSIVE.test(path) && (SAFE_METHODS.has(method) || SCENARIO_POSTS.test(path));
}

/** Whether a request (or an operation, given its declared path) counts against a limit. */
export function rateLimited(method: string, path: string): boolean {
  return isExpensive(method.toUpperCase(), path) || !SAFE_METHODS.has(method.toUpperCase());
}

export function rateLimits(limits: RateLimits): RequestHandler {
  const writes = limits.writesPerMinute > 0 ? limiter(limits.writesPerMinute, 'changes') : null;
  const reads = limits.expensiveReadsPerMinute > 0 ? limiter(limits.expensiveReadsPerMinute, 'scenario or ranking requests') : null;
  return (req, res, next) => {
    if (isExpensive(req.method, req.path)) return reads ? reads(req, res, next) : next();
    if (!SAFE_METHODS.has(req.method)) return writes ? writes(req, res, next) : next();
    next();
  };
}
