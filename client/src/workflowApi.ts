/**
 * The officials' workflow endpoints: saved scenarios, the five-stage verification, tier
 * history and AX partner planning. Response shapes come from the server's services (types only).
 */
import type { Api } from './api.ts';
import { queryString } from './api.ts';
import type { AxPlan } from '../../server/analytics/axPlanning.ts';
import type { ApplicationView } from '../../server/services/verificationService.ts';
import type { TierSpell } from '../../server/services/tierHistory.ts';
import type { SavedScenario } from '../../server/services/scenarioService.ts';
import type { Call, GrowthStage, InspectionItem, Panel, AiEvaluator, StageEvent } from '../../server/domain/verification.ts';
import type { SingleSourceRisks } from '../../server/analytics/singleSource.ts';

export type { ApplicationView, AxPlan, Call, GrowthStage, InspectionItem, Panel, AiEvaluator, SavedScenario, TierSpell };

export interface Evidence {
  dataVersion: number;
  metricsCurrent: boolean;
  multipliers: { output: number | null; employment: number | null; valueAdded: number | null } | null;
  regionalRetention: number | null;
  centrality: { pagerank: number | null; supplierCriticality: number | null; betweenness: number | null; articulation: number | null } | null;
  concentration: { supplierHhi: number | null; customerHhi: number | null } | null;
  singleSource: SingleSourceRisks | null;
}

export type ApplicationDetail = ApplicationView & { events?: StageEvent[]; evidence: Evidence | null };
export type CallDetail = Call & { applications: ApplicationView[] };
export type CallSummary = Call & { applicants: number; selected: number; rejected: number };

export interface AssignmentItem {
  applicationId: string;
  callId: string;
  callTitle: string;
  year: number;
  firmId: string;
  name: string | null;
  nameKo: string | null;
  stage: number;
  status: string;
  assignment: { evaluator: string; panel: Panel; conflict: boolean | null; statement: string };
  score: { score: number; notes: string; at: string } | null;
}

export interface ReopenedScenario {
  scenario: SavedScenario & { link: string };
  dataVersion: number;
  savedDataVersion: number;
  dataChanged: boolean;
  result: Record<string, unknown> & { totals?: Record<string, number | null> };
}

export interface TierHistory {
  firmId: string;
  tier: string;
  cohort: number | null;
  spells: TierSpell[];
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

export class WorkflowApi {
  constructor(private readonly api: Api) {}

  private call<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    return this.api.request<T>(method, path, body, signal);
  }

  scenarios(signal?: AbortSignal): Promise<{ items: (SavedScenario & { link: string })[] }> {
    return this.call('GET', '/api/scenarios', undefined, signal);
  }

  saveScenario(body: { kind: string; name: string; notes: string; request: unknown }): Promise<SavedScenario & { link: string }> {
    return this.call('POST', '/api/scenarios', body);
  }

  reopenScenario(id: string, signal?: AbortSignal): Promise<ReopenedScenario> {
    return this.call('GET', `/api/scenarios/${encodeURIComponent(id)}/result`, undefined, signal);
  }

  compareScenarios(ids: string[], signal?: AbortSignal): Promise<{ items: ReopenedScenario[] }> {
    return this.call('GET', `/api/scenario-comparison${queryString({ ids })}`, undefined, signal);
  }

  calls(signal?: AbortSignal): Promise<{ items: CallSummary[] }> {
    return this.call('GET', '/api/calls', undefined, signal);
  }

  createCall(body: { year: number; title: string; panelWeights: { expert: number; citizen: number }; minAiScore: number }): Promise<Call> {
    return this.call('POST', '/api/calls', body);
  }

  callDetail(id: string, signal?: AbortSignal): Promise<CallDetail> {
    return this.call('GET', `/api/calls/${encodeURIComponent(id)}`, undefined, signal);
  }

  addApplication(callId: string, firmId: string): Promise<ApplicationView> {
    return this.call('POST', `/api/calls/${encodeURIComponent(callId)}/applications`, { firmId });
  }

  importAiScores(callId: string, csv: string): Promise<{ recorded: number }> {
    return this.call('POST', `/api/calls/${encodeURIComponent(callId)}/ai-scores`, { csv });
  }

  application(id: string, signal?: AbortSignal): Promise<ApplicationDetail> {
    return this.call('GET', `/api/applications/${encodeURIComponent(id)}`, undefined, signal);
  }

  /** One step of an application: screening, ai-scores, assignments, inspection, advance, reject, selection, conflict-declaration, presentation-score. */
  step(id: string, step: string, body: unknown): Promise<ApplicationDetail> {
    return this.call('POST', `/api/applications/${encodeURIComponent(id)}/${step}`, body);
  }

  assignments(signal?: AbortSignal): Promise<{ evaluator: string; items: AssignmentItem[] }> {
    return this.call('GET', '/api/assignments', undefined, signal);
  }

  tierHistory(firmId: string, signal?: AbortSignal): Promise<TierHistory> {
    return this.call('GET', `/api/firms/${encodeURIComponent(firmId)}/tier-history`, undefined, signal);
  }

  axPlan(firmId: string, q: { depth?: number; target?: number; groupSize?: number }, signal?: AbortSignal): Promise<AxPlan & { dataVersion: number }> {
    return this.call('GET', `/api/firms/${encodeURIComponent(firmId)}/ax-plan${queryString(q)}`, undefined, signal);
  }
}
