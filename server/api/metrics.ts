import { Router } from 'express';
import { z } from 'zod';
import type { AuditService } from '../services/auditService.ts';
import type { MetricsService } from '../services/metricsService.ts';
import type { JobRegistry } from '../services/jobs.ts';
import type { ApiDescription } from './openapi.ts';
import { CommunitiesResponse, JobResponse, MetricsSummaryResponse, RecomputeResponse } from './responses.ts';
import { requireActor, requireRole } from './auth.ts';
import { notFound } from './problem.ts';
import { parseParams, parseQuery } from './validate.ts';

export const CommunitiesQuery = z.object({
  members: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  maxMembers: z.coerce.number().int().min(1).max(10_000).default(500),
});

const JobParams = z.object({ jobId: z.uuid() });

export function metricsRouter(metrics: MetricsService, jobs: JobRegistry, audit: AuditService, api: ApiDescription): Router {
  const router = Router();
  api.add({ method: 'post', path: '/api/metrics/recompute', summary: 'Compute and store every metric (a job; poll GET /api/jobs/:jobId)', tag: 'metrics', roles: ['admin'], status: 202, response: RecomputeResponse });
  router.post('/api/metrics/recompute', requireRole('admin'), async (req, res) => {
    const actor = await requireActor(req, 'admin');
    const job = metrics.recompute();
    await audit.record({ actor, action: 'metrics.recompute', target: 'metrics', details: { jobId: job.id } });
    res.status(202).location(`/api/jobs/${job.id}`).json({ jobId: job.id, job });
  });

  api.add({ method: 'get', path: '/api/metrics', summary: 'Whether metrics are computed and current, modularity, betweenness sampling', tag: 'metrics', response: MetricsSummaryResponse });
  router.get('/api/metrics', async (_req, res) => {
    res.json(await metrics.summary());
  });

  api.add({ method: 'get', path: '/api/jobs/:jobId', summary: 'Progress of a long-running job', tag: 'metrics', params: JobParams, response: JobResponse });
  router.get('/api/jobs/:jobId', (req, res) => {
    const { jobId: id } = parseParams(JobParams, req);
    const job = jobs.get(id);
    if (!job) throw notFound(`No job with id "${id}".`);
    res.json(job);
  });

  api.add({ method: 'get', path: '/api/communities', summary: 'Louvain communities with modularity', tag: 'metrics', query: CommunitiesQuery, response: CommunitiesResponse, problems: [409] });
  router.get('/api/communities', async (req, res) => {
    res.json(await metrics.communities(parseQuery(CommunitiesQuery, req)));
  });
  return router;
}
