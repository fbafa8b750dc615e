import express, { Router } from 'express';
import { z } from 'zod';
import type { AuditService } from '../services/auditService.ts';
import { datasetFromCsv, type ImportService } from '../services/importService.ts';
import { importAuditRecord, type NetworkCounts } from '../services/importAudit.ts';
import { requireActor, requireRole } from './auth.ts';
import type { ApiDescription } from './openapi.ts';
import { ImportReportResponse } from './responses.ts';
import { HttpProblem } from './problem.ts';
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
    const raw = 'format' in body ? datasetFromCsv(body.firms, body.supplies) : body;
    if (query.mode === 'replace' && raw.firms.length === 0 && !query.allowEmpty) {
      throw new HttpProblem(422, 'Replace would delete everything', 'A replace without firms deletes the whole network; send allowEmpty=true if that is what you want.', [
        { path: 'query.allowEmpty', message: 'must be true for a replace without firms' },
      ]);
    }
    const before = query.dryRun ? null : await counts();
    const report = await importer.import(raw, { mode: query.mode, dryRun: query.dryRun });
    if (before) await audit.record(importAuditRecord(actor, before, await counts(), report));
    res.status(query.dryRun ? 200 : 201).json(report);
  });
  return router;
}
