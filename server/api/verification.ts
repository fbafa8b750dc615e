/**
 * The five-stage verification over HTTP (services/verificationService.ts). Officials run calls and record
 * stages; evaluators declare conflicts of interest and score the presentations assigned to them, and read
 * only those applications. Refusals: no credentials 401, wrong role or not assigned 403, wrong stage or a
 * closed application 409, unmet stage requirements 422 (each named).
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { roleGrants } from '../domain/roles.ts';
import {
  AddApplicationBody,
  AdvanceBody,
  AiScoreBody,
  AiScoreImportBody,
  ApplicationId,
  AssignmentBody,
  CallId,
  ConflictBody,
  CreateCallBody,
  DecisionBody,
  InspectionBody,
  PresentationScoreBody,
  ScreeningBody,
  SelectionBody,
} from '../domain/verification.ts';
import type { VerificationService } from '../services/verificationService.ts';
import { requireActor, requireRole } from './auth.ts';
import type { ApiDescription } from './openapi.ts';
import { parseBody, parseParams } from './validate.ts';
import { AiImportResponse, ApplicationResponse, AssignmentsResponse, CallDetailResponse, CallListResponse, CallResponse } from './workflowResponses.ts';

const CallParams = z.object({ callId: CallId });
const ApplicationParams = z.object({ applicationId: ApplicationId });
const callIdOf = (req: Request) => parseParams(CallParams, req).callId;
const applicationIdOf = (req: Request) => parseParams(ApplicationParams, req).applicationId;

export function verificationRouter(verification: VerificationService, api: ApiDescription): Router {
  const router = Router();
  const official = requireRole('official');
  const evaluator = requireRole('evaluator');

  api.add({ method: 'post', path: '/api/calls', summary: 'Open a call for a cohort year, with the panel weights of the presentation', tag: 'verification', body: CreateCallBody, roles: ['official'], status: 201, response: CallResponse, problems: [422] });
  router.post('/api/calls', official, async (req, res) => {
    const actor = await requireActor(req, 'official');
    const call = await verification.createCall(actor, parseBody(CreateCallBody, req));
    res.status(201).location(`/api/calls/${call.id}`).json(call);
  });

  api.add({ method: 'get', path: '/api/calls', summary: 'The calls, newest cohort first, with their applicants counted', tag: 'verification', roles: ['official'], response: CallListResponse });
  router.get('/api/calls', official, async (_req, res) => {
    res.json(await verification.listCalls());
  });

  api.add({ method: 'get', path: '/api/calls/:callId', summary: 'A call with every application and its stage records', tag: 'verification', params: CallParams, roles: ['official'], response: CallDetailResponse });
  router.get('/api/calls/:callId', official, async (req, res) => {
    res.json(await verification.call(callIdOf(req)));
  });

  api.add({ method: 'post', path: '/api/calls/:callId/applications', summary: 'Add an applicant (a firm, e.g. from the candidates ranking) at stage 1', tag: 'verification', params: CallParams, body: AddApplicationBody, roles: ['official'], status: 201, response: ApplicationResponse, problems: [409, 422] });
  router.post('/api/calls/:callId/applications', official, async (req, res) => {
    const actor = await requireActor(req, 'official');
    const application = await verification.addApplication(actor, callIdOf(req), parseBody(AddApplicationBody, req));
    res.status(201).location(`/api/applications/${application.id}`).json(application);
  });

  api.add({ method: 'post', path: '/api/calls/:callId/ai-scores', summary: 'Import AI evaluations from CSV (firmId,evaluator,score,notes); all rows or none', tag: 'verification', params: CallParams, body: AiScoreImportBody, roles: ['official'], response: AiImportResponse, problems: [409, 422] });
  router.post('/api/calls/:callId/ai-scores', official, async (req, res) => {
    const actor = await requireActor(req, 'official');
    res.json(await verification.importAiScores(actor, callIdOf(req), parseBody(AiScoreImportBody, req).csv));
  });

  api.add({ method: 'get', path: '/api/assignments', summary: "The caller's own presentation assignments", tag: 'verification', roles: ['evaluator'], response: AssignmentsResponse });
  router.get('/api/assignments', evaluator, async (req, res) => {
    res.json(await verification.assignments(await requireActor(req, 'evaluator')));
  });

  api.add({ method: 'get', path: '/api/applications/:applicationId', summary: "An application with its stage records and the firm's network evidence (evaluators: their assignments only)", tag: 'verification', params: ApplicationParams, roles: ['official', 'evaluator'], response: ApplicationResponse });
  router.get('/api/applications/:applicationId', requireRole('official', 'evaluator'), async (req, res) => {
    const actor = await requireActor(req, 'official', 'evaluator');
    res.json(await verification.application(actor, applicationIdOf(req), roleGrants(actor.role, 'official') ? 'all' : 'assigned'));
  });

  const officialStep = <S extends z.ZodType>(path: string, summary: string, body: S, step: (actor: Awaited<ReturnType<typeof requireActor>>, id: string, body: z.infer<S>) => Promise<unknown>) => {
    api.add({ method: 'post', path: `/api/applications/:applicationId/${path}`, summary, tag: 'verification', params: ApplicationParams, body, roles: ['official'], response: ApplicationResponse, problems: [409, 422] });
    router.post(`/api/applications/:applicationId/${path}`, official, async (req, res) => {
      const actor = await requireActor(req, 'official');
      res.json(await step(actor, applicationIdOf(req), parseBody(body, req)));
    });
  };
  officialStep('screening', 'Stage 1: record the document and eligibility screening', ScreeningBody, (a, id, b) => verification.screen(a, id, b));
  officialStep('ai-scores', 'Stage 2: record a credit-guarantee or technology-finance AI evaluation', AiScoreBody, (a, id, b) => verification.recordAiScore(a, id, b));
  officialStep('assignments', 'Assign an evaluator to the expert or citizen panel of the presentation', AssignmentBody, (a, id, b) => verification.assign(a, id, b));
  officialStep('inspection', 'Stage 4: record the on-site inspection checklist', InspectionBody, (a, id, b) => verification.inspect(a, id, b));
  officialStep('advance', 'Move to the next stage when its gate is met (422 lists what is missing)', AdvanceBody, (a, id, b) => verification.advance(a, id, b));
  officialStep('reject', 'Reject the application at its current stage, with the reason', DecisionBody, (a, id, b) => verification.reject(a, id, b));
  officialStep('selection', 'Stage 5: select with a growth stage and support (≤ 500 KRW million over three years); changes the firm’s tier from the call year', SelectionBody, (a, id, b) => verification.select(a, id, b));

  api.add({ method: 'post', path: '/api/applications/:applicationId/conflict-declaration', summary: 'An assigned evaluator declares whether they have a conflict of interest', tag: 'verification', params: ApplicationParams, body: ConflictBody, roles: ['evaluator'], response: ApplicationResponse, problems: [409, 422] });
  router.post('/api/applications/:applicationId/conflict-declaration', evaluator, async (req, res) => {
    const actor = await requireActor(req, 'evaluator');
    res.json(await verification.declareConflict(actor, applicationIdOf(req), parseBody(ConflictBody, req)));
  });

  api.add({ method: 'post', path: '/api/applications/:applicationId/presentation-score', summary: 'Stage 3: an assigned evaluator without a conflict scores the presentation (0–100)', tag: 'verification', params: ApplicationParams, body: PresentationScoreBody, roles: ['evaluator'], response: ApplicationResponse, problems: [409, 422] });
  router.post('/api/applications/:applicationId/presentation-score', evaluator, async (req, res) => {
    const actor = await requireActor(req, 'evaluator');
    res.json(await verification.scorePresentation(actor, applicationIdOf(req), parseBody(PresentationScoreBody, req)));
  });
  return router;
}
