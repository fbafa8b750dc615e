/**
 * Response schemas of the workflow endpoints (saved scenarios, verification, tier history, AX planning), for
 * the OpenAPI document. Nested records that other modules define in full (ripple results, network evidence)
 * are declared as objects.
 */
import { z } from 'zod';
import { TIERS } from '../domain/firm.ts';
import { AI_EVALUATORS, APPLICATION_STATUSES, GROWTH_STAGES, PANELS, STAGES } from '../domain/verification.ts';

const nullableNumber = z.number().nullable();

export const SavedScenarioResponse = z.object({
  id: z.string(),
  name: z.string(),
  notes: z.string(),
  kind: z.string(),
  request: z.record(z.string(), z.unknown()),
  dataVersion: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  link: z.string(),
});
export const ScenarioListResponse = z.object({ items: z.array(SavedScenarioResponse) });
export const ReopenedScenarioResponse = z.object({
  scenario: SavedScenarioResponse,
  dataVersion: z.number(),
  savedDataVersion: z.number(),
  dataChanged: z.boolean(),
  result: z.record(z.string(), z.unknown()),
});
export const CompareResponse = z.object({ items: z.array(ReopenedScenarioResponse) });

export const CallResponse = z.object({
  id: z.string(),
  year: z.number(),
  title: z.string(),
  panelWeights: z.object({ expert: z.number(), citizen: z.number() }),
  minAiScore: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
});
export const CallListResponse = z.object({ items: z.array(CallResponse.extend({ applicants: z.number(), selected: z.number(), rejected: z.number() })) });

const ScoreRecord = z.object({ id: z.string(), kind: z.enum(['ai', 'presentation']), source: z.enum([...AI_EVALUATORS, ...PANELS]), evaluator: z.string(), score: z.number(), notes: z.string(), at: z.string() });
const AssignmentRecord = z.object({ evaluator: z.string(), panel: z.enum(PANELS), conflict: z.boolean().nullable(), statement: z.string(), declaredAt: z.string().nullable() });

export const ApplicationResponse = z.looseObject({
  id: z.string(),
  callId: z.string(),
  firmId: z.string(),
  firm: z.object({ name: z.string(), nameKo: z.string().nullable(), tier: z.enum(TIERS) }).nullable(),
  stage: z.number().int().min(1).max(5),
  stageName: z.enum(STAGES),
  status: z.enum(APPLICATION_STATUSES),
  createdAt: z.string(),
  createdBy: z.string(),
  notes: z.string(),
  candidate: z.object({ score: z.number(), rank: z.number() }).nullable(),
  screening: z.object({ documentsComplete: z.boolean(), eligible: z.boolean(), reasons: z.array(z.string()), by: z.string(), at: z.string(), notes: z.string() }).nullable(),
  aiScores: z.array(ScoreRecord),
  presentation: z.object({
    assignments: z.array(AssignmentRecord),
    scores: z.array(ScoreRecord),
    summary: z.object({ expert: nullableNumber, citizen: nullableNumber, combined: nullableNumber, weights: z.object({ expert: z.number(), citizen: z.number() }) }),
  }),
  inspection: z.object({ checklist: z.record(z.string(), z.boolean()), by: z.string(), at: z.string(), notes: z.string() }).nullable(),
  selection: z.object({ growthStage: z.enum(GROWTH_STAGES), supportAmount: z.number(), by: z.string(), at: z.string(), notes: z.string() }).nullable(),
  rejection: z.object({ reason: z.string(), by: z.string(), at: z.string() }).nullable(),
  nextStageRequirements: z.array(z.object({ requirement: z.string(), message: z.string() })),
  /** Network evidence (GET and every step's answer). */
  evidence: z.record(z.string(), z.unknown()).nullable().optional(),
  events: z.array(z.object({ stage: z.number(), action: z.string(), by: z.string(), at: z.string(), notes: z.string() }).loose()).optional(),
});
export const CallDetailResponse = CallResponse.extend({ applications: z.array(ApplicationResponse) });
export const AiImportResponse = z.object({ callId: z.string(), recorded: z.number(), applications: z.number() });
export const AssignmentsResponse = z.object({
  evaluator: z.string(),
  items: z.array(
    z.object({
      applicationId: z.string(),
      callId: z.string(),
      callTitle: z.string(),
      year: z.number(),
      firmId: z.string(),
      name: z.string().nullable(),
      nameKo: z.string().nullable(),
      stage: z.number(),
      status: z.string(),
      assignment: AssignmentRecord,
      score: z.object({ score: z.number(), notes: z.string(), at: z.string() }).nullable(),
    }),
  ),
});

const TierSpellResponse = z.object({
  firmId: z.string(),
  tier: z.enum(TIERS),
  from: nullableNumber,
  to: nullableNumber,
  source: z.enum(['selection', 'before-history']),
  callId: z.string().nullable(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export const TierHistoryResponse = z.object({ firmId: z.string(), tier: z.enum(TIERS), cohort: nullableNumber, spells: z.array(TierSpellResponse) });
export const TiersAsOfResponse = z.object({ year: z.number(), items: z.array(z.object({ id: z.string(), tier: z.enum(TIERS), cohort: nullableNumber, basis: z.enum(['history', 'current']) })) });

const AxPartnerResponse = z.object({
  id: z.string(),
  name: z.string(),
  nameKo: z.string().nullable(),
  axLevel: nullableNumber,
  upstreamHop: nullableNumber,
  downstreamHop: nullableNumber,
  carried: z.number(),
  share: z.number(),
  lagging: z.boolean(),
});
export const AxPlanResponse = z.object({
  anchor: z.object({ id: z.string(), name: z.string(), nameKo: z.string().nullable(), axLevel: nullableNumber }),
  options: z.object({ depth: z.number(), target: z.number(), groupSize: z.number() }),
  tiers: z.array(z.object({ side: z.enum(['upstream', 'downstream']), hop: z.number(), firms: z.number(), known: z.number(), meanLevel: nullableNumber, distribution: z.array(z.number()), lagging: z.number(), carried: z.number() })),
  partners: z.array(AxPartnerResponse),
  chainValue: z.number(),
  laggingCount: z.number(),
  unknownCount: z.number(),
  laggingCover: z.number(),
  group: z.array(AxPartnerResponse.extend({ rank: z.number(), cumulativeCover: z.number() })),
  groupCover: z.number(),
  dataVersion: z.number(),
  unit: z.string(),
});
