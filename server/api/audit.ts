/** The audit trail for admins: filterable, paged newest first, as JSON or CSV. */
import { Router } from 'express';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { RoleSchema } from '../domain/roles.ts';
import type { AuditService } from '../services/auditService.ts';
import { requireRole } from './auth.ts';
import type { ApiDescription } from './openapi.ts';
import { AuditResponse } from './responses.ts';
import { parseQuery } from './validate.ts';

/**
 * An ISO date-time, handed to Cypher as UTC: Neo4j refuses zone offsets beyond ±18:00 that the ISO pattern
 * lets through (e.g. +20:00), so the offset is applied here.
 */
const instant = z.iso
  .datetime({ offset: true })
  .refine((v) => Number.isFinite(Date.parse(v)) && Math.abs(new Date(v).getUTCFullYear()) <= 9999, 'must be a valid date and time')
  .transform((v) => new Date(v).toISOString());

export const AuditQuery = z
  .object({
    actor: z.string().min(1).max(64).optional(),
    role: RoleSchema.optional(),
    action: z.string().regex(/^[a-z]+(\.[a-z-]+)*$/, 'an action such as import or token.issue').max(64).optional(),
    target: z.string().min(1).max(200).optional(),
    from: instant.optional(),
    to: instant.optional(),
    limit: z.coerce.number().int().min(1).max(10_000).default(100),
    cursor: z.string().regex(/^\d{1,15}$/, 'a cursor returned by an earlier page').optional(),
    format: z.enum(['json', 'csv']).default('json'),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) <= Date.parse(q.to), { path: ['from'], message: 'must not be after to' });

const CSV_COLUMNS = ['seq', 'at', 'actorId', 'actorName', 'actorRole', 'action', 'target', 'before', 'after', 'details'];

export function auditRouter(audit: AuditService, api: ApiDescription): Router {
  const router = Router();
  api.add({ method: 'get', path: '/api/audit', summary: 'The audit trail of every write: who, when, what, before and after', tag: 'access', query: AuditQuery, roles: ['admin'], response: AuditResponse, csv: true });
  router.get('/api/audit', requireRole('admin'), async (req, res) => {
    const q = parseQuery(AuditQuery, req);
    const page = await audit.list({ ...q, beforeSeq: q.cursor === undefined ? undefined : Number(q.cursor) });
    res.set('Cache-Control', 'no-store');
    if (q.format === 'json') {
      res.json(page);
      return;
    }
    const json = (v: unknown) => (v === null ? '' : JSON.stringify(v));
    const rows = page.entries.map((e) => [e.seq, e.at, e.actor.id, e.actor.name, e.actor.role, e.action, e.target, json(e.before), json(e.after), json(e.details)]);
    // escape_formulas: a name such as =HYPERLINK(…) stays text in a spreadsheet.
    res
      .type('text/csv; charset=utf-8')
      .attachment('anchorage-audit.csv')
      .send(stringify([CSV_COLUMNS, ...rows], { escape_formulas: true }));
  });
  return router;
}
