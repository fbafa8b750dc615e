/**
 * The programme's five-stage verification (DESIGN §1, issue 8): a call for a cohort year, applicants
 * (firms) moving through document and eligibility screening, the credit-guarantee and technology-finance
 * AI evaluations, an audition-style presentation to an expert and a citizen panel, an on-site inspection,
 * and the final selection with a growth stage and a support amount. Money in KRW million.
 */
import { z } from 'zod';
import { FirmId, type Tier } from './firm.ts';

export const STAGES = ['screening', 'ai-evaluation', 'presentation', 'inspection', 'selection'] as const;
export type Stage = (typeof STAGES)[number];
/** Stage numbers are 1-based, as the programme counts them. */
export const stageNumber = (stage: Stage) => STAGES.indexOf(stage) + 1;

export const APPLICATION_STATUSES = ['in-progress', 'rejected', 'selected'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Growth stages the selection grants, and the firm tier each one becomes. */
export const GROWTH_STAGES = ['pre-anchor', 'anchor', 'top-anchor'] as const;
export type GrowthStage = (typeof GROWTH_STAGES)[number];
export const GROWTH_STAGE_TIER: Record<GrowthStage, Tier> = { 'pre-anchor': 'pre-anchor', anchor: 'anchor', 'top-anchor': 'top-anchor' };

export const AI_EVALUATORS = ['credit-guarantee', 'technology-finance'] as const;
export type AiEvaluator = (typeof AI_EVALUATORS)[number];

export const PANELS = ['expert', 'citizen'] as const;
export type Panel = (typeof PANELS)[number];

/** What an on-site inspection of manufacturing operations checks; every item must pass to reach selection. */
export const INSPECTION_ITEMS = ['production-line', 'quality-system', 'safety-environment', 'capacity', 'records-match'] as const;
export type InspectionItem = (typeof INSPECTION_ITEMS)[number];

/** The programme's ceiling: ₩500m of support over three years (KRW million). */
export const MAX_SUPPORT_AMOUNT = 500;

export const CallId = z.string().regex(/^call-[a-z0-9-]{1,60}$/, 'must be a call id such as "call-2026-1"');
export const ApplicationId = z.string().regex(/^app-[a-z0-9-]{1,60}$/, 'must be an application id such as "app-1a2b"');
/** Evaluators are named by the name of their token or user (the trust service's principal name). */
export const EvaluatorName = z.string().trim().min(1).max(100).regex(/^[^\u0000-\u001f]+$/, 'must not contain control characters');

const notes = z.string().trim().max(4_000).default('');
const score = z.number().finite().min(0, 'must be 0–100').max(100, 'must be 0–100');

export const CreateCallBody = z.object({
  year: z.number().int().min(2000).max(2100),
  title: z.string().trim().min(1).max(200),
  /** Weights of the expert and the citizen panel in the presentation score; normalised to sum to 1. */
  panelWeights: z
    .object({ expert: z.number().finite().min(0).max(1_000), citizen: z.number().finite().min(0).max(1_000) })
    .refine((w) => w.expert + w.citizen > 0, 'at least one panel needs a positive weight')
    .default({ expert: 0.7, citizen: 0.3 }),
  /** Each AI evaluation must reach this score (0–100) to pass stage 2. */
  minAiScore: score.default(0),
});
export type CreateCallBody = z.infer<typeof CreateCallBody>;

export const AddApplicationBody = z.object({ firmId: FirmId, notes });

export const ScreeningBody = z.object({
  documentsComplete: z.boolean(),
  notes,
});

export const AiScoreBody = z.object({
  evaluator: z.enum(AI_EVALUATORS),
  score,
  notes,
});

/** CSV of AI evaluations: firmId,evaluator,score,notes — one row per firm and evaluator. */
export const AiScoreImportBody = z.object({ csv: z.string().min(1).max(2_000_000) });
export const AiScoreCsvRow = z.object({ firmId: FirmId, evaluator: z.enum(AI_EVALUATORS), score: z.string().trim().min(1, 'is missing').transform(Number).pipe(score), notes: z.string().trim().max(4_000).default('') });
export type AiScoreCsvRow = z.infer<typeof AiScoreCsvRow>;

export const AssignmentBody = z.object({ evaluator: EvaluatorName, panel: z.enum(PANELS) });

export const ConflictBody = z.object({
  conflict: z.boolean(),
  statement: z.string().trim().max(2_000).default(''),
}).refine((c) => !c.conflict || c.statement.length > 0, { path: ['statement'], message: 'explain the conflict of interest' });

export const PresentationScoreBody = z.object({ score, notes });

export const InspectionBody = z.object({
  checklist: z.object(Object.fromEntries(INSPECTION_ITEMS.map((i) => [i, z.boolean()])) as Record<InspectionItem, z.ZodBoolean>),
  notes,
});

export const DecisionBody = z.object({ reason: z.string().trim().min(1).max(2_000) });
export const AdvanceBody = z.object({ notes });

export const SelectionBody = z.object({
  growthStage: z.enum(GROWTH_STAGES),
  supportAmount: z.number().finite().gt(0, 'must be more than 0').max(MAX_SUPPORT_AMOUNT, `must not exceed ${MAX_SUPPORT_AMOUNT} (KRW million over three years)`),
  notes,
});

export interface Call {
  id: string;
  year: number;
  title: string;
  panelWeights: { expert: number; citizen: number };
  minAiScore: number;
  createdAt: string;
  createdBy: string;
}

export interface ScoreRecord {
  id: string;
  kind: 'ai' | 'presentation';
  /** The AI evaluator (credit-guarantee, technology-finance) or the presentation panel. */
  source: AiEvaluator | Panel;
  evaluator: string;
  score: number;
  notes: string;
  at: string;
}

export interface Assignment {
  evaluator: string;
  panel: Panel;
  /** null until the evaluator declares; true when they declared a conflict (and may not score). */
  conflict: boolean | null;
  statement: string;
  declaredAt: string | null;
}

export interface StageEvent {
  stage: number;
  action: 'screening' | 'advance' | 'reject' | 'inspection' | 'selection';
  by: string;
  at: string;
  notes: string;
}
