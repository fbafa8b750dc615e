/**
 * The five-stage verification of a cohort (domain/verification.ts, gates in domain/stageGates.ts).
 * Officials open calls, add applicants, record screenings, AI evaluations, assignments, inspections and
 * decisions; evaluators declare conflicts of interest and score only the presentations assigned to them.
 * Every change runs in one write transaction that first locks the application (changes to one applicant
 * serialise), checks its stage and status, writes, and appends its audit entry.
 */
import { randomBytes } from 'node:crypto';
import type { ManagedTransaction } from 'neo4j-driver';
import { parse } from 'csv-parse/sync';
import { run, type Database } from '../db/database.ts';
import type { Tier } from '../domain/firm.ts';
import {
  AiScoreCsvRow,
  GROWTH_STAGE_TIER,
  INSPECTION_ITEMS,
  STAGES,
  type AiEvaluator,
  type Assignment,
  type Call,
  type CreateCallBody,
  type GrowthStage,
  type InspectionItem,
  type Panel,
  type ScoreRecord,
  type StageEvent,
} from '../domain/verification.ts';
import { presentationScore, unmetRequirements, type GateState, type UnmetRequirement } from '../domain/stageGates.ts';
import { eligibility } from '../analytics/eligibility.ts';
import { singleSourceRisks } from '../analytics/singleSource.ts';
import { metricsOf } from './firmView.ts';
import { changeTier } from './tierHistory.ts';
import type { SnapshotStore } from './snapshotStore.ts';
import type { Actor } from '../domain/roles.ts';
import { auditInTransaction } from './transactionAudit.ts';
import { DomainError, unknownFirm } from './errors.ts';

type Props = Record<string, unknown>;

const newId = (prefix: string) => `${prefix}-${randomBytes(6).toString('hex')}`;
const now = () => new Date().toISOString();
const stageLabel = (stage: number) => `stage ${stage} (${STAGES[stage - 1]})`;

/** A firm's standing in the default candidates ranking when it applies; null when not ranked (yet). */
export type CandidateStanding = (firmId: string) => Promise<{ score: number; rank: number } | null>;

interface Loaded {
  application: Props;
  call: Props;
  firm: Props | null;
  scores: ScoreRecord[];
  assignments: Assignment[];
}

export interface Screening {
  documentsComplete: boolean;
  eligible: boolean;
  reasons: string[];
  by: string;
  at: string;
  notes: string;
}

export interface ApplicationView {
  id: string;
  callId: string;
  firmId: string;
  firm: { name: string; nameKo: string | null; tier: Tier } | null;
  stage: number;
  stageName: (typeof STAGES)[number];
  status: 'in-progress' | 'rejected' | 'selected';
  createdAt: string;
  createdBy: string;
  notes: string;
  candidate: { score: number; rank: number } | null;
  screening: Screening | null;
  aiScores: ScoreRecord[];
  presentation: { assignments: Assignment[]; scores: ScoreRecord[]; summary: ReturnType<typeof presentationScore> };
  inspection: { checklist: Record<InspectionItem, boolean>; by: string; at: string; notes: string } | null;
  selection: { growthStage: GrowthStage; supportAmount: number; by: string; at: string; notes: string } | null;
  rejection: { reason: string; by: string; at: string } | null;
  /** What stops the application from moving on to the next stage (empty: it may advance). */
  nextStageRequirements: UnmetRequirement[];
}

function toCall(p: Props): Call {
  return {
    id: p.id as string,
    year: p.year as number,
    title: p.title as string,
    panelWeights: { expert: p.expertWeight as number, citizen: p.citizenWeight as number },
    minAiScore: p.minAiScore as number,
    createdAt: p.createdAt as string,
    createdBy: p.createdBy as string,
  };
}

function toScore(p: Props): ScoreRecord {
  return { id: p.id as string, kind: p.kind as ScoreRecord['kind'], source: p.source as ScoreRecord['source'], evaluator: p.evaluator as string, score: p.score as number, notes: (p.notes as string) ?? '', at: p.at as string };
}

function toAssignment(p: Props): Assignment {
  return { evaluator: p.evaluator as string, panel: p.panel as Panel, conflict: (p.conflict as boolean | null) ?? null, statement: (p.statement as string) ?? '', declaredAt: (p.declaredAt as string | null) ?? null };
}

function gateState(l: Loaded): GateState {
  const a = l.application;
  const call = toCall(l.call);
  const aiScores: GateState['aiScores'] = {};
  for (const s of l.scores) if (s.kind === 'ai') aiScores[s.source as AiEvaluator] = s.score;
  const panelOf = new Map(l.assignments.map((x) => [x.evaluator, x.panel]));
  return {
    stage: a.stage as number,
    minAiScore: call.minAiScore,
    panelWeights: call.panelWeights,
    screening: a.screenedAt ? { documentsComplete: a.documentsComplete as boolean, eligible: a.eligible as boolean, reasons: (a.eligibilityReasons as string[]) ?? [] } : null,
    aiScores,
    assignments: l.assignments.map((x) => ({ evaluator: x.evaluator, panel: x.panel, conflict: x.conflict })),
    // A score counts for the panel the evaluator is assigned to now.
    presentationScores: l.scores.filter((s) => s.kind === 'presentation').map((s) => ({ evaluator: s.evaluator, panel: panelOf.get(s.evaluator) ?? (s.source as Panel), score: s.score })),
    inspection: a.inspection ? (JSON.parse(a.inspection as string) as Record<InspectionItem, boolean>) : null,
  };
}

function toView(l: Loaded): ApplicationView {
  const a = l.application;
  const call = toCall(l.call);
  const presentationScores = l.scores.filter((s) => s.kind === 'presentation');
  const state = gateState(l);
  return {
    id: a.id as string,
    callId: a.callId as string,
    firmId: a.firmId as string,
    firm: l.firm ? { name: l.firm.name as string, nameKo: (l.firm.nameKo as string | null) ?? null, tier: l.firm.tier as Tier } : null,
    stage: a.stage as number,
    stageName: STAGES[(a.stage as number) - 1],
    status: a.status as ApplicationView['status'],
    createdAt: a.createdAt as string,
    createdBy: a.createdBy as string,
    notes: (a.notes as string) ?? '',
    candidate: a.candidateScore == null ? null : { score: a.candidateScore as number, rank: a.candidateRank as number },
    screening: state.screening ? { ...state.screening, by: a.screenedBy as string, at: a.screenedAt as string, notes: (a.screeningNotes as string) ?? '' } : null,
    aiScores: l.scores.filter((s) => s.kind === 'ai'),
    presentation: { assignments: l.assignments, scores: presentationScores, summary: presentationScore(call.panelWeights, state.presentationScores) },
    inspection: state.inspection ? { checklist: state.inspection, by: a.inspectedBy as string, at: a.inspectedAt as string, notes: (a.inspectionNotes as string) ?? '' } : null,
    selection: a.growthStage ? { growthStage: a.growthStage as GrowthStage, supportAmount: a.supportAmount as number, by: a.decidedBy as string, at: a.decidedAt as string, notes: (a.decisionNotes as string) ?? '' } : null,
    rejection: a.status === 'rejected' ? { reason: a.rejectionReason as string, by: a.decidedBy as string, at: a.decidedAt as string } : null,
    nextStageRequirements: a.status === 'in-progress' && (a.stage as number) < STAGES.length ? unmetRequirements(state) : [],
  };
}

/** What an evaluator may see of an application: their own assignment and score, not the other panellists'. */
function forEvaluator(view: ApplicationView, evaluator: string): ApplicationView {
  const own = <T extends { evaluator: string }>(xs: T[]) => xs.filter((x) => x.evaluator === evaluator);
  return {
    ...view,
    presentation: { ...view.presentation, assignments: own(view.presentation.assignments), scores: own(view.presentation.scores), summary: presentationScore(view.presentation.summary.weights, []) },
    nextStageRequirements: [],
  };
}

const unknownApplication = (id: string) => new DomainError(404, 'Unknown application', `No application with id "${id}".`, [{ path: 'id', message: `unknown application "${id}"` }]);
const unknownCall = (id: string, path = 'id') => new DomainError(404, 'Unknown call', `No call with id "${id}".`, [{ path, message: `unknown call "${id}"` }]);

function requireOpen(l: Loaded, action: string): void {
  const status = l.application.status as string;
  if (status !== 'in-progress') {
    throw new DomainError(409, 'Application closed', `Application ${l.application.id as string} was ${status === 'selected' ? 'selected' : 'rejected'}; ${action} is no longer possible.`, [{ path: 'status', message: `is ${status}` }]);
  }
}

function requireStage(l: Loaded, stage: number, action: string): void {
  requireOpen(l, action);
  const at = l.application.stage as number;
  if (at !== stage) {
    throw new DomainError(409, 'Wrong stage', `Application ${l.application.id as string} is at ${stageLabel(at)}; ${action} belongs to ${stageLabel(stage)}.`, [
      { path: 'stage', message: `is ${at}, needs ${stage}` },
    ]);
  }
}

export class VerificationService {
  constructor(
    private readonly db: Database,
    private readonly snapshots: SnapshotStore,
    private readonly standing: CandidateStanding = async () => null,
  ) {}

  async createCall(actor: Actor, body: CreateCallBody): Promise<Call> {
    const total = body.panelWeights.expert + body.panelWeights.citizen;
    return this.db.writeTx(async (tx) => {
      const [row] = await run<{ call: Props }>(tx, 'verification/create-call', {
        id: newId(`call-${body.year}`),
        year: body.year,
        title: body.title,
        expertWeight: body.panelWeights.expert / total,
        citizenWeight: body.panelWeights.citizen / total,
        minAiScore: body.minAiScore,
        at: now(),
        by: actor.name,
      });
      const call = toCall(row.call);
      await auditInTransaction(tx, actor, { action: 'verification.call.create', target: `call:${call.id}`, after: call });
      return call;
    });
  }

  async listCalls() {
    const rows = await this.db.read<{ call: Props; applicants: number; selected: number; rejected: number }>('verification/list-calls');
    return { items: rows.map((r) => ({ ...toCall(r.call), applicants: r.applicants, selected: r.selected, rejected: r.rejected })) };
  }

  async call(id: string) {
    return this.db.readTx(async (tx) => {
      const [row] = await run<{ call: Props }>(tx, 'verification/get-call', { id });
      if (!row) throw unknownCall(id);
      const apps = await run<{ application: Props; name: string | null; nameKo: string | null; tier: Tier | null }>(tx, 'verification/call-applications', { callId: id });
      const ids = apps.map((a) => a.application.id as string);
      const { scores, assignments } = await this.related(tx, ids);
      const applications = apps.map((a) =>
        toView({
          application: a.application,
          call: row.call,
          firm: a.name === null ? null : { name: a.name, nameKo: a.nameKo, tier: a.tier },
          scores: scores.get(a.application.id as string) ?? [],
          assignments: assignments.get(a.application.id as string) ?? [],
        }),
      );
      return { ...toCall(row.call), applications };
    });
  }

  async addApplication(actor: Actor, callId: string, body: { firmId: string; notes: string }): Promise<ApplicationView> {
    const standing = await this.standing(body.firmId).catch(() => null);
    const id = newId('app');
    await this.db.writeTx(async (tx) => {
      const [call] = await run(tx, 'verification/get-call', { id: callId });
      if (!call) throw unknownCall(callId);
      const [firm] = await run(tx, 'firms/get', { id: body.firmId });
      if (!firm) throw new DomainError(422, 'Unknown firm', `body.firmId: no firm with id "${body.firmId}"`, [{ path: 'body.firmId', message: `unknown firm "${body.firmId}"` }]);
      const [existing] = await run(tx, 'verification/application-of-firm', { callId, firmId: body.firmId });
      if (existing) throw new DomainError(409, 'Already applied', `${body.firmId} already applied to ${callId} (application ${existing.id as string}).`, [{ path: 'body.firmId', message: 'already an applicant of this call' }]);
      const [row] = await run<{ application: Props }>(tx, 'verification/create-application', {
        id,
        callId,
        firmId: body.firmId,
        at: now(),
        by: actor.name,
        notes: body.notes,
        candidateScore: standing?.score ?? null,
        candidateRank: standing?.rank ?? null,
      });
      await auditInTransaction(tx, actor, { action: 'verification.application.add', target: `application:${id}`, after: row.application });
    });
    return this.application(actor, id, 'all');
  }

  /** One application with its stage records and the firm's network evidence; evaluators see their own part only. */
  async application(actor: Actor, id: string, scope: 'all' | 'assigned') {
    const view = await this.db.readTx(async (tx) => {
      const l = await this.load(tx, id, 'verification/get-application');
      return toView(l);
    });
    if (scope === 'assigned') {
      if (!view.presentation.assignments.some((x) => x.evaluator === actor.name)) throw notAssigned(id);
      return { ...forEvaluator(view, actor.name), evidence: await this.evidence(view.firmId) };
    }
    const events = await this.db.read<{ event: Props }>('verification/application-events', { id });
    return { ...view, events: events.map((e) => e.event as unknown as StageEvent), evidence: await this.evidence(view.firmId) };
  }

  async screen(actor: Actor, id: string, body: { documentsComplete: boolean; notes: string }) {
    return this.change(actor, id, async (_tx, l) => {
      requireStage(l, 1, 'screening');
      if (!l.firm) throw firmGone(l);
      const verdict = eligibility({ tier: l.firm.tier as Tier, revenue: l.firm.revenue as number, region: l.firm.region as string });
      return {
        changes: { documentsComplete: body.documentsComplete, eligible: verdict.eligible, eligibilityReasons: verdict.reasons, screenedBy: actor.name, screenedAt: now(), screeningNotes: body.notes },
        event: { stage: 1, action: 'screening', notes: body.notes },
        audit: 'verification.screening',
      };
    });
  }

  async recordAiScore(actor: Actor, id: string, body: { evaluator: AiEvaluator; score: number; notes: string }) {
    return this.change(actor, id, async (tx, l) => {
      requireStage(l, 2, 'an AI evaluation');
      await this.upsertScore(tx, actor, l, { kind: 'ai', source: body.evaluator, evaluator: actor.name, score: body.score, notes: body.notes, via: 'entry' });
      return {};
    });
  }

  /**
   * AI evaluations from CSV (firmId,evaluator,score[,notes]), for a call's applicants at stage 2. Every row
   * is checked first; any bad row refuses the whole file (422 naming each line), else all are written.
   */
  async importAiScores(actor: Actor, callId: string, csv: string) {
    let records: { record: Record<string, string>; info: { lines: number } }[];
    try {
      records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true, info: true, relax_column_count: false });
    } catch (error) {
      const line = (error as { lines?: number }).lines;
      throw new DomainError(422, 'Invalid CSV', `body.csv: ${(error as Error).message}`, [{ path: 'body.csv', message: (error as Error).message, ...(line ? { line } : {}) }]);
    }
    if (records.length === 0) throw new DomainError(422, 'Invalid CSV', 'body.csv: no rows under the header', [{ path: 'body.csv', message: 'has no rows' }]);
    return this.db.writeTx(async (tx) => {
      const [call] = await run(tx, 'verification/get-call', { id: callId });
      if (!call) throw unknownCall(callId);
      const errors: { path: string; message: string; line: number }[] = [];
      const rows: { row: AiScoreCsvRow; loaded: Loaded }[] = [];
      const seen = new Set<string>();
      const lockedById = new Map<string, Loaded>();
      for (const [index, { record, info }] of records.entries()) {
        const line = info.lines;
        const parsed = AiScoreCsvRow.safeParse(record);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) errors.push({ path: `body.csv[${index}].${issue.path.join('.')}`, message: issue.message, line });
          continue;
        }
        const row = parsed.data;
        const key = `${row.firmId}\u0000${row.evaluator}`;
        if (seen.has(key)) {
          errors.push({ path: `body.csv[${index}]`, message: `a second ${row.evaluator} score for ${row.firmId}`, line });
          continue;
        }
        seen.add(key);
        const [app] = await run<{ id: string }>(tx, 'verification/application-of-firm', { callId, firmId: row.firmId });
        if (!app) {
          errors.push({ path: `body.csv[${index}].firmId`, message: `${row.firmId} is not an applicant of ${callId}`, line });
          continue;
        }
        let loaded = lockedById.get(app.id);
        if (!loaded) lockedById.set(app.id, (loaded = await this.load(tx, app.id, 'verification/lock-application')));
        if (loaded.application.status !== 'in-progress' || loaded.application.stage !== 2) {
          errors.push({ path: `body.csv[${index}].firmId`, message: `${row.firmId} is ${loaded.application.status === 'in-progress' ? `at ${stageLabel(loaded.application.stage as number)}` : loaded.application.status}, not at stage 2 (ai-evaluation)`, line });
          continue;
        }
        rows.push({ row, loaded });
      }
      if (errors.length) throw new DomainError(422, 'Invalid AI evaluations', `${errors.length} row(s) refused; nothing was recorded. ${errors[0].path} (line ${errors[0].line}): ${errors[0].message}`, errors);
      for (const { row, loaded } of rows) {
        await this.upsertScore(tx, actor, loaded, { kind: 'ai', source: row.evaluator, evaluator: actor.name, score: row.score, notes: row.notes, via: 'csv' });
      }
      return { callId, recorded: rows.length, applications: lockedById.size };
    });
  }

  async assign(actor: Actor, id: string, body: { evaluator: string; panel: Panel }) {
    return this.change(actor, id, async (tx, l) => {
      requireOpen(l, 'assigning evaluators');
      if ((l.application.stage as number) > 3) throw new DomainError(409, 'Wrong stage', `Application ${id} is at ${stageLabel(l.application.stage as number)}; evaluators are assigned up to stage 3 (presentation).`, [{ path: 'stage', message: 'is past the presentation' }]);
      const before = l.assignments.find((x) => x.evaluator === body.evaluator) ?? null;
      const [row] = await run<{ assignment: Props }>(tx, 'verification/upsert-assignment', { applicationId: id, evaluator: body.evaluator, panel: body.panel, at: now(), by: actor.name });
      await auditInTransaction(tx, actor, { action: 'verification.assignment', target: `application:${id}`, before, after: toAssignment(row.assignment) });
      return {};
    });
  }

  async declareConflict(actor: Actor, id: string, body: { conflict: boolean; statement: string }) {
    return this.change(actor, id, async (tx, l) => {
      const mine = l.assignments.find((x) => x.evaluator === actor.name);
      if (!mine) throw notAssigned(id);
      requireOpen(l, 'declaring a conflict of interest');
      if ((l.application.stage as number) > 3) throw new DomainError(409, 'Wrong stage', `Application ${id} is past the presentation; declarations are closed.`, [{ path: 'stage', message: 'is past the presentation' }]);
      if (l.scores.some((s) => s.kind === 'presentation' && s.evaluator === actor.name)) {
        throw new DomainError(409, 'Already scored', `You already scored application ${id}; ask an official to reassign it if a conflict has arisen.`, [{ path: 'body.conflict', message: 'declared after scoring' }]);
      }
      const [row] = await run<{ before: Props; assignment: Props }>(tx, 'verification/declare-conflict', { applicationId: id, evaluator: actor.name, conflict: body.conflict, statement: body.statement, at: now() });
      await auditInTransaction(tx, actor, { action: 'verification.conflict-declaration', target: `application:${id}`, before: toAssignment(row.before), after: toAssignment(row.assignment) });
      return {};
    }, 'assigned');
  }

  async scorePresentation(actor: Actor, id: string, body: { score: number; notes: string }) {
    return this.change(actor, id, async (tx, l) => {
      const mine = l.assignments.find((x) => x.evaluator === actor.name);
      if (!mine) throw notAssigned(id);
      if (mine.conflict === null) throw new DomainError(409, 'Conflict of interest not declared', `Declare whether you have a conflict of interest with application ${id} before scoring it.`, [{ path: 'conflict', message: 'not declared' }]);
      if (mine.conflict) throw new DomainError(409, 'Conflict of interest declared', `You declared a conflict of interest with application ${id}; you may not score it.`, [{ path: 'conflict', message: 'declared' }]);
      requireStage(l, 3, 'a presentation score');
      await this.upsertScore(tx, actor, l, { kind: 'presentation', source: mine.panel, evaluator: actor.name, score: body.score, notes: body.notes, via: 'entry' });
      return {};
    }, 'assigned');
  }

  async inspect(actor: Actor, id: string, body: { checklist: Record<InspectionItem, boolean>; notes: string }) {
    return this.change(actor, id, async (_tx, l) => {
      requireStage(l, 4, 'the on-site inspection');
      const checklist = Object.fromEntries(INSPECTION_ITEMS.map((i) => [i, body.checklist[i]]));
      return {
        changes: { inspection: JSON.stringify(checklist), inspectedBy: actor.name, inspectedAt: now(), inspectionNotes: body.notes },
        event: { stage: 4, action: 'inspection', notes: body.notes },
        audit: 'verification.inspection',
      };
    });
  }

  async advance(actor: Actor, id: string, body: { notes: string }) {
    return this.change(actor, id, async (_tx, l) => {
      requireOpen(l, 'advancing');
      const stage = l.application.stage as number;
      const unmet = unmetRequirements(gateState(l));
      if (unmet.length) {
        throw new DomainError(422, 'Stage requirements not met', `Application ${id} cannot leave ${stageLabel(stage)}: ${unmet.map((u) => u.message).join('; ')}.`, unmet.map((u) => ({ path: u.requirement, message: u.message })));
      }
      return { changes: { stage: stage + 1 }, event: { stage: stage + 1, action: 'advance', notes: body.notes }, audit: 'verification.advance' };
    });
  }

  async reject(actor: Actor, id: string, body: { reason: string }) {
    return this.change(actor, id, async (_tx, l) => {
      requireOpen(l, 'rejecting');
      return {
        changes: { status: 'rejected', rejectionReason: body.reason, decidedBy: actor.name, decidedAt: now() },
        event: { stage: l.application.stage as number, action: 'reject', notes: body.reason },
        audit: 'verification.reject',
      };
    });
  }

  /** Final selection: the growth stage becomes the firm's tier from the call's year on (tierHistory.ts). */
  async select(actor: Actor, id: string, body: { growthStage: GrowthStage; supportAmount: number; notes: string }) {
    return this.change(actor, id, async (tx, l) => {
      requireStage(l, 5, 'the final selection');
      if (!l.firm) throw firmGone(l);
      const at = now();
      const call = toCall(l.call);
      const tier = GROWTH_STAGE_TIER[body.growthStage];
      const { before, spell } = await changeTier(tx, { firmId: l.application.firmId as string, tier, year: call.year, callId: call.id, at, by: actor.name });
      await auditInTransaction(tx, actor, { action: 'firm.tier', target: `firm:${l.application.firmId as string}`, before, after: { tier, cohort: before.cohort ?? call.year, spell } });
      return {
        changes: { status: 'selected', growthStage: body.growthStage, supportAmount: body.supportAmount, decidedBy: actor.name, decidedAt: at, decisionNotes: body.notes },
        event: { stage: 5, action: 'selection', notes: body.notes },
        audit: 'verification.select',
      };
    });
  }

  /** The applications assigned to one evaluator, with their declaration and score. */
  async assignments(actor: Actor) {
    const rows = await this.db.read<Props>('verification/evaluator-assignments', { evaluator: actor.name });
    return {
      evaluator: actor.name,
      items: rows.map((r) => ({
        applicationId: r.applicationId as string,
        callId: r.callId as string,
        callTitle: r.callTitle as string,
        year: r.year as number,
        firmId: r.firmId as string,
        name: (r.name as string | null) ?? null,
        nameKo: (r.nameKo as string | null) ?? null,
        stage: r.stage as number,
        status: r.status as string,
        assignment: toAssignment(r.assignment as Props),
        score: r.score == null ? null : { score: r.score as number, notes: (r.notes as string) ?? '', at: r.scoredAt as string },
      })),
    };
  }

  /** The applicant's network evidence from the stored metrics and the current snapshot. */
  async evidence(firmId: string) {
    const { snapshot, dataVersion } = await this.snapshots.get();
    const [row] = await this.db.read<{ firm: Props }>('firms/get', { id: firmId });
    if (!row) return null;
    const m = metricsOf(row.firm);
    return {
      dataVersion,
      metricsCurrent: row.firm.metricsVersion === dataVersion,
      multipliers: m ? { output: m.outputMultiplier, employment: m.employmentMultiplier, valueAdded: m.valueAddedMultiplier } : null,
      regionalRetention: m?.regionalRetention ?? null,
      centrality: m ? { pagerank: m.pagerank, supplierCriticality: m.pagerankReverse, betweenness: m.betweenness, articulation: m.articulation } : null,
      concentration: m ? { supplierHhi: m.supplierHhi, customerHhi: m.customerHhi } : null,
      singleSource: snapshot.index.has(firmId) ? singleSourceRisks(snapshot, firmId) : null,
    };
  }

  private async related(tx: ManagedTransaction, ids: string[]) {
    const scores = new Map<string, ScoreRecord[]>();
    const assignments = new Map<string, Assignment[]>();
    for (const r of await run<{ applicationId: string; score: Props }>(tx, 'verification/application-scores', { ids })) {
      scores.set(r.applicationId, [...(scores.get(r.applicationId) ?? []), toScore(r.score)]);
    }
    for (const r of await run<{ applicationId: string; assignment: Props }>(tx, 'verification/application-assignments', { ids })) {
      assignments.set(r.applicationId, [...(assignments.get(r.applicationId) ?? []), toAssignment(r.assignment)]);
    }
    return { scores, assignments };
  }

  private async load(tx: ManagedTransaction, id: string, statement: 'verification/get-application' | 'verification/lock-application'): Promise<Loaded> {
    const [row] = await run<{ application: Props; call: Props; firm: Props | null }>(tx, statement, { id });
    if (!row) throw unknownApplication(id);
    const { scores, assignments } = await this.related(tx, [id]);
    return { ...row, scores: scores.get(id) ?? [], assignments: assignments.get(id) ?? [] };
  }

  private async upsertScore(tx: ManagedTransaction, actor: Actor, l: Loaded, s: { kind: 'ai' | 'presentation'; source: string; evaluator: string; score: number; notes: string; via: 'entry' | 'csv' }) {
    const applicationId = l.application.id as string;
    // One AI score per evaluator body; one presentation score per panellist.
    const key = s.kind === 'ai' ? `${applicationId}:ai:${s.source}` : `${applicationId}:presentation:${s.evaluator}`;
    const [row] = await run<{ before: Props | null; score: Props }>(tx, 'verification/upsert-score', { applicationId, key, id: newId('score'), ...s, at: now() });
    await auditInTransaction(tx, actor, { action: `verification.${s.kind}-score`, target: `application:${applicationId}`, before: row.before ? toScore(row.before) : null, after: { ...toScore(row.score), via: s.via } });
  }

  /**
   * Runs one change of an application: lock, load, check (in `work`), write the returned property changes
   * and stage event, audit. Answers the application as the caller may see it.
   */
  private async change(
    actor: Actor,
    id: string,
    work: (tx: ManagedTransaction, l: Loaded) => Promise<{ changes?: Props; event?: Omit<StageEvent, 'by' | 'at'>; audit?: string }>,
    scope: 'all' | 'assigned' = 'all',
  ) {
    await this.db.writeTx(async (tx) => {
      const l = await this.load(tx, id, 'verification/lock-application');
      const { changes, event, audit } = await work(tx, l);
      if (changes) {
        const [row] = await run<{ application: Props }>(tx, 'verification/update-application', { id, changes });
        const before = Object.fromEntries(Object.keys(changes).map((k) => [k, l.application[k] ?? null]));
        if (audit) await auditInTransaction(tx, actor, { action: audit, target: `application:${id}`, before, after: Object.fromEntries(Object.keys(changes).map((k) => [k, row.application[k] ?? null])) });
      }
      if (event) await run(tx, 'verification/add-event', { id, ...event, by: actor.name, at: now() });
    });
    return this.application(actor, id, scope);
  }
}

const notAssigned = (id: string) => new DomainError(403, 'Not assigned', `You are not assigned to application ${id}; evaluators score only their assignments.`);
const firmGone = (l: Loaded) => unknownFirm(l.application.firmId as string, 'firmId');
