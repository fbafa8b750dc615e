/**
 * Builds the Express app from its parts. No I/O happens on import; main.ts and the tests call createApp
 * with the services they have built.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import express, { type Express } from 'express';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { Services } from './services/index.ts';
import type { Logger } from './log.ts';
import { authentication } from './api/auth.ts';
import { hostCheck, LOOPBACK_NAMES, type HostCheckOptions } from './api/hostCheck.ts';
import { rateLimits, type RateLimits } from './api/rateLimits.ts';
import { auditRouter } from './api/audit.ts';
import { firmsRouter } from './api/firms.ts';
import { healthRouter } from './api/health.ts';
import { importRouter } from './api/import.ts';
import { importJobsRouter } from './api/importJobs.ts';
import type { UploadLimits } from './api/importUpload.ts';
import { metaRouter } from './api/meta.ts';
import { metricsRouter } from './api/metrics.ts';
import { overviewRouter } from './api/overview.ts';
import { rippleRouter } from './api/ripple.ts';
import { candidatesRouter } from './api/candidates.ts';
import { programmeRouter } from './api/programme.ts';
import { axPlanRouter } from './api/axPlan.ts';
import { tiersRouter } from './api/tiers.ts';
import { scenariosRouter } from './api/scenarios.ts';
import { verificationRouter } from './api/verification.ts';
import { sessionRouter, tokensRouter } from './api/tokens.ts';
import { networkCounts } from './services/importAudit.ts';
import { restructuringRouter } from './api/restructuring.ts';
import { ApiDescription } from './api/openapi.ts';
import { HttpProblem, problemHandler } from './api/problem.ts';

export interface AppOptions {
  /** The configured admin token (ANCHORAGE_ADMIN_TOKEN or the generated one). */
  adminToken: string;
  maxBody: string;
  /** Where import uploads are spooled and how large each file may be (default: the OS temp dir, 2 GiB). */
  importUploads?: UploadLimits;
  log: Logger;
  /** Built client to serve at /, when present. */
  clientDir?: string;
  /** Host/Origin allowlist (default: loopback names, checked on every request). */
  hosts?: HostCheckOptions;
  /** Per-client limits (default: none, as in tests and benchmarks; main.ts passes the configured ones). */
  rateLimits?: RateLimits;
}

/**
 * The page loads only its own script, styles, worker and data; images may be data: or blob: URLs (the
 * PNG/SVG export draws through them). Nothing may frame it.
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    workerSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

const DEFAULT_UPLOADS: UploadLimits = { dir: path.join(os.tmpdir(), 'anchorage-import-uploads'), maxBytes: 2 * 1024 ** 3 };

export function createApp(services: Services, options: AppOptions): Express {
  const app = express();
  const api = new ApiDescription();
  const credentials = { adminToken: options.adminToken, tokens: services.tokens, sessions: services.sessions };
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, referrerPolicy: { policy: 'no-referrer' }, frameguard: { action: 'deny' } }));
  app.use(hostCheck(options.hosts ?? { allowed: LOOPBACK_NAMES, everyRequest: true }));
  if (options.rateLimits) app.use(rateLimits(options.rateLimits));
  app.use('/api', cookieParser(), authentication(credentials));
  // The import route comes first: it checks the role, then parses its own, larger, body. Every later
  // route gets small bodies only.
  app.use(importRouter(services.importer, services.audit, () => networkCounts(services.db), api, options.maxBody));
  app.use(importJobsRouter(services.importer, services.jobs, services.audit, () => networkCounts(services.db), api, options.importUploads ?? DEFAULT_UPLOADS));
  app.use('/api', express.json({ limit: '1mb' }));

  app.use(healthRouter(services.db, api));
  app.use(metaRouter(api));
  app.use(firmsRouter(services.firms, api));
  app.use(overviewRouter(services.overview, api));
  app.use(rippleRouter(services.ripple, api));
  app.use(metricsRouter(services.metrics, services.jobs, services.audit, api));
  app.use(candidatesRouter(services.candidates, api));
  app.use(programmeRouter(services.programme, api));
  app.use(axPlanRouter(services.axPlan, api));
  app.use(tiersRouter(services.db, api));
  app.use(scenariosRouter(services, api));
  app.use(verificationRouter(services.verification, api));
  app.use(tokensRouter(services.tokens, services.audit, api));
  app.use(sessionRouter(credentials, services.audit, api));
  app.use(auditRouter(services.audit, api));
  app.use(restructuringRouter(services.restructuring, api));

  const document = api.document();
  app.get('/api/openapi.json', (_req, res) => {
    res.json(document);
  });
  app.use('/api', (req, res, next) => {
    const path = req.originalUrl.split('?')[0];
    const allowed = [...new Set([...api.methodsAt(path), ...(api.methodsAt(path).includes('GET') ? ['HEAD'] : [])])];
    if (allowed.length > 0) {
      res.set('Allow', allowed.join(', '));
      next(new HttpProblem(405, 'Method not allowed', `${req.method} is not allowed on ${path}; use ${allowed.join(' or ')}.`));
      return;
    }
    next(new HttpProblem(404, 'Not found', `No API endpoint ${req.method} ${path}.`));
  });

  if (options.clientDir && fs.existsSync(path.join(options.clientDir, 'index.html'))) {
    // Hashed assets are immutable; index.html must be revalidated, or a rebuilt client would leave a
    // cached page pointing at assets that no longer exist.
    app.use('/assets', express.static(path.join(options.clientDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
    app.use(express.static(options.clientDir, { index: false, maxAge: 0 }));
    app.get(/^\/(?!api\/|assets\/).*/, (_req, res) => res.set('Cache-Control', 'no-cache').sendFile(path.join(options.clientDir!, 'index.html')));
  }
  app.use(problemHandler(options.log));
  return app;
}
