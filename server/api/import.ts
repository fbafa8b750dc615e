import express, { Router } from 'express';
import { z } from 'zod';
import type { AuditService } from '../services/auditService.ts';
import type { ImportService } from '../services/importService.ts';
import { importAuditRecord, type NetworkCounts } from '../services/importAudit.ts';
import { sourceFromCsvText } from '../services/import/rows.ts';
import { requireActor, requireRole } from './auth.ts';
import type { ApiDescription } from './openapi.ts';
import { ImportReportResponse } from './responses.ts';
import { parseBody, parseQuery } from './validate.ts';

export const ImportQuery = z.object({
  mode: z.enum(['merge', 'replace']).default('merge'),
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** A replace without firms empties the network: it must be asked for explicitly. */
  allowEmpty: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

/** JSON arrays of firms and supplies, or the text of the two CSV files. */
export const ImportBody = z.union([
  z.object({ firms: z.array(z.unknown()), supplies: z.array(z.unknown()) }),
  z.object({ format: z.literal('csv'), firms: z.string(), supplies: z.string() }),
]);

/** `counts` reads the network's size, recorded in the audit trail before and after each import. */
export function importRouter(importer: ImportService, audit: AuditService, counts: () => Promise<NetworkCounts>, api: ApiDescription, maxBody: string): Router {
  const router = Router();
  api.add({
    method: 'post',
    path: '/api/import',
    summary: 'Validate and import firms and supplies (all or nothing); 422 lists every bad row',
    tag: 'import',
    query: ImportQuery,
    body: ImportBody,
    roles: ['admin'],
    status: [201, 200],
    response: ImportReportResponse,
    problems: [409, 422],
  });
  // The role is checked before the body is read.
  router.post('/api/import', requireRole('admin'), express.json({ limit: maxBody.replace(/([kmg])$/i, '$1b') }), async (req, res) => {
    const actor = await requireActor(req, 'admin');
    const query = parseQuery(ImportQuery, req);
    const body = parseBody(ImportBody, req);
    const raw = 'format' in body ? sourceFromCsvText(body.firms, body.supplies) : body;
    const before = query.dryRun ? null : await counts();
    // A replace without firms is refused (EmptyReplaceError, 422) once the firms are read, before anything is published.
    const report = await importer.import(raw, { mode: query.mode, dryRun: query.dryRun, allowEmpty: query.allowEmpty });
    if (before) await audit.record(importAuditRecord(actor, before, await counts(), report));
    res.status(query.dryRun ? 200 : 201).json(report);
  });
  return router;
}
