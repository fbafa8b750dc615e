/**
 * POST /api/import/jobs: the import the explorer runs. The two files come as a streamed multipart upload
 * (any size up to IMPORT_UPLOAD_MAX each), the import runs as a job — poll GET /api/jobs/:jobId for its
 * stage, rows, rate and time left — and its result is the import report, or the problem it was refused
 * with (the 422 of POST /api/import, rows capped).
 */
import fs from 'node:fs';
import { Router } from 'express';
import type { AuditService } from '../services/auditService.ts';
import type { NetworkCounts } from '../services/importAudit.ts';
import { ImportJobs } from '../services/importJobs.ts';
import type { ImportService } from '../services/importService.ts';
import type { JobRegistry } from '../services/jobs.ts';
import { requireActor, requireRole } from './auth.ts';
import { ImportQuery } from './import.ts';
import { checkCsvHeaders, requireMultipart, spoolUpload, UPLOAD_PARTS, type SpooledUpload, type UploadLimits } from './importUpload.ts';
import type { ApiDescription } from './openapi.ts';
import { HttpProblem, problemBody, toProblem } from './problem.ts';
import { ImportJobResponse } from './responses.ts';
import { parseQuery } from './validate.ts';

/** Rows of a refused import kept on the job (the full count is in errorCount); jobs are held in memory. */
const JOB_MAX_ISSUES = 1_000;

/** What a job refused, as the problem a request would have got; the spool directory never shows. */
function refusalOf(dir: string): (error: unknown) => Record<string, unknown> | null {
  return (error) => {
    const problem = toProblem(error);
    if (!problem || problem.status >= 500) return null;
    const body = problemBody(problem);
    if (Array.isArray(body.errors)) body.errors = body.errors.slice(0, JOB_MAX_ISSUES);
    return { problem: JSON.parse(JSON.stringify(body).replaceAll(`${dir}/`, '')) as Record<string, unknown> };
  };
}

export function importJobsRouter(importer: ImportService, jobs: JobRegistry, audit: AuditService, counts: () => Promise<NetworkCounts>, api: ApiDescription, limits: UploadLimits): Router {
  const router = Router();
  const importJobs = new ImportJobs(importer, jobs, audit, counts);
  api.add({
    method: 'post',
    path: '/api/import/jobs',
    summary: 'Upload firms and supplies files (CSV or NDJSON, multipart) and import them as a job; poll GET /api/jobs/:jobId',
    tag: 'import',
    query: ImportQuery,
    upload: UPLOAD_PARTS,
    roles: ['admin'],
    status: 202,
    response: ImportJobResponse,
    problems: [409, 415, 422],
  });
  // The role, the options and the slot are checked before a byte of the upload is read.
  router.post('/api/import/jobs', requireRole('admin'), async (req, res) => {
    try {
      const actor = await requireActor(req, 'admin');
      const query = parseQuery(ImportQuery, req);
      requireMultipart(req);
      if (!importJobs.claim()) throw new HttpProblem(409, 'Import in progress', 'Another import is running; try again when it has finished.');
      let files: SpooledUpload | null = null;
      try {
        files = await spoolUpload(req, limits);
        await checkCsvHeaders(files);
      } catch (error) {
        importJobs.release();
        if (files) fs.rmSync(files.dir, { recursive: true, force: true });
        throw error;
      }
      const job = importJobs.start(actor, files, { ...query, refusal: refusalOf(files.dir) });
      res.status(202).location(`/api/jobs/${job.id}`).json({ jobId: job.id, job });
    } catch (error) {
      // An upload refused before it was read is read and dropped, so that the client hears the answer.
      req.resume();
      throw error;
    }
  });
  return router;
}
