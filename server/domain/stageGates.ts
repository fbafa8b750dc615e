/**
 * The gates between the five verification stages: what an application must hold before it moves from
 * stage k to k + 1. Each unmet requirement is named, so a refusal (422) can list them all.
 *   1 → 2  screening recorded with complete documents, and the firm eligible (the candidates' rule)
 *   2 → 3  both AI evaluations (credit guarantee, technology finance), each at least the call's minAiScore
 *   3 → 4  every panel with a positive weight scored by at least one evaluator, and every assigned
 *          evaluator either scored or declared a conflict of interest
 *   4 → 5  the on-site inspection recorded with every checklist item passed
 * Presentation score = w_e·mean(expert scores) + w_c·mean(citizen scores), weights normalised to sum 1.
 */
import { AI_EVALUATORS, INSPECTION_ITEMS, PANELS, type AiEvaluator, type InspectionItem, type Panel } from './verification.ts';

export interface GateState {
  stage: number;
  minAiScore: number;
  panelWeights: Record<Panel, number>;
  screening: { documentsComplete: boolean; eligible: boolean; reasons: string[] } | null;
  aiScores: Partial<Record<AiEvaluator, number>>;
  assignments: { evaluator: string; panel: Panel; conflict: boolean | null }[];
  presentationScores: { evaluator: string; panel: Panel; score: number }[];
  inspection: Record<InspectionItem, boolean> | null;
}

export interface UnmetRequirement {
  requirement: string;
  message: string;
}

export function unmetRequirements(s: GateState): UnmetRequirement[] {
  const unmet: UnmetRequirement[] = [];
  const need = (requirement: string, message: string) => unmet.push({ requirement, message });
  switch (s.stage) {
    case 1:
      if (!s.screening) need('screening', 'the document and eligibility screening has not been recorded');
      else {
        if (!s.screening.documentsComplete) need('screening.documentsComplete', 'the documents are incomplete');
        if (!s.screening.eligible) need('screening.eligible', `the firm is not eligible (${s.screening.reasons.join(', ')})`);
      }
      break;
    case 2:
      for (const evaluator of AI_EVALUATORS) {
        const score = s.aiScores[evaluator];
        if (score === undefined) need(`aiScores.${evaluator}`, `no ${evaluator} AI evaluation recorded`);
        else if (score < s.minAiScore) need(`aiScores.${evaluator}`, `the ${evaluator} score ${score} is below the call's minimum ${s.minAiScore}`);
      }
      break;
    case 3: {
      for (const panel of PANELS) {
        if (s.panelWeights[panel] > 0 && !s.presentationScores.some((p) => p.panel === panel)) need(`presentation.${panel}`, `no ${panel} panel score recorded`);
      }
      for (const a of s.assignments) {
        if (a.conflict === true) continue;
        if (!s.presentationScores.some((p) => p.evaluator === a.evaluator)) {
          need(`presentation.assignments.${a.evaluator}`, `${a.evaluator} (${a.panel} panel) has neither scored nor declared a conflict of interest`);
        }
      }
      break;
    }
    case 4:
      if (!s.inspection) need('inspection', 'the on-site inspection has not been recorded');
      else for (const item of INSPECTION_ITEMS) if (!s.inspection[item]) need(`inspection.${item}`, `inspection item ${item} did not pass`);
      break;
    default:
      need('stage', `stage ${s.stage} has no next stage`);
  }
  return unmet;
}

export interface PresentationScore {
  expert: number | null;
  citizen: number | null;
  /** Weighted over the panels with a positive weight; null while such a panel has no score. */
  combined: number | null;
  weights: Record<Panel, number>;
}

export function presentationScore(weights: Record<Panel, number>, scores: { panel: Panel; score: number }[]): PresentationScore {
  const total = weights.expert + weights.citizen;
  const normalised = { expert: weights.expert / total, citizen: weights.citizen / total };
  const mean = (panel: Panel) => {
    const xs = scores.filter((s) => s.panel === panel).map((s) => s.score);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
  };
  const expert = mean('expert');
  const citizen = mean('citizen');
  const missing = PANELS.some((p) => normalised[p] > 0 && (p === 'expert' ? expert : citizen) === null);
  return {
    expert,
    citizen,
    combined: missing ? null : normalised.expert * (expert ?? 0) + normalised.citizen * (citizen ?? 0),
    weights: normalised,
  };
}
