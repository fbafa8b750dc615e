import express, { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { ImportService } from '../services/importService.ts';
import { sourceFromCsvText } from '../services/import/rows.ts';
import type { ApiDescription } from './openapi.ts';
import { parseBody, parseQuery } from './validate.ts';

export const ImportQuery = z.object({
  mode: z.enum(['merge', 'replace']).default('merge'),
  dryRun: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

/** JSON arrays of firms and supplies, or the text of the two CSV files. */
export const ImportBody = z.union([
  z.object({ firms: z.array(z.unknown()), supplies: z.array(z.unknown()) }),
  z.object({ format: z.literal('csv'), firms: z.string(), supplies: z.string() }),
]);

export function importRouter(importer: ImportService, api: ApiDescription, editor: RequestHandler, maxBody: string): Router {
  const router = Router();
  api.add({
    method: 'post',
    path: '/api/import',
    summary: 'Validate and import firms and supplies (all or nothing); 422 lists every bad row',
    tag: 'import',
    query: ImportQuery,
    body: ImportBody,
    editor: true,
  });
  router.post('/api/import', editor, express.json({ limit: maxBody.replace(/([kmg])$/i, '$1b') }), async (req, res) => {
    const query = parseQuery(ImportQuery, req);
    const body = parseBody(ImportBody, req);
    const raw = 'format' in body ? sourceFromCsvText(body.firms, body.supplies) : body;
    const report = await importer.import(raw, { mode: query.mode, dryRun: query.dryRun });
    res.status(query.dryRun ? 200 : 201).json(report);
  });
  return router;
}
