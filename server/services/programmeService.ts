/**
 * Programme impact evaluation (analytics/programmeEvaluation.ts) on the home region's panel: the programme's
 * firms by cohort and pooled as the programme published its figure, their direct partners as the spillover
 * group, and the remaining firms as the control pool. Computed once per data version and options.
 */
import type { Database } from '../db/database.ts';
import type { HistoryPoint } from '../domain/firm.ts';
import { PUBLISHED_GROWTH, selectionYear, type ProgrammeEvaluation } from '../domain/programme.ts';
import { HOME_REGION } from '../domain/regions.ts';
import { evaluateProgramme, EVALUATION_DEFAULTS, type EvaluationGroup, type PanelFirm } from '../analytics/programmeEvaluation.ts';
import type { Snapshot } from '../analytics/snapshot.ts';
import type { SnapshotStore } from './snapshotStore.ts';

export interface EvaluationRequest {
  neighbours: number;
  resamples: number;
  seed: number;
  level: number;
}

interface PanelRow {
  id: string;
  sector: string;
  cohort: number | null;
  historyJson: string;
}

export class ProgrammeService {
  private cached: { key: string; evaluation: ProgrammeEvaluation } | null = null;

  constructor(
    private readonly db: Database,
    private readonly snapshots: SnapshotStore,
  ) {}

  async evaluation(request: EvaluationRequest): Promise<ProgrammeEvaluation> {
    const { snapshot, dataVersion } = await this.snapshots.get();
    const key = JSON.stringify([dataVersion, request]);
    if (this.cached?.key === key) return this.cached.evaluation;
    const rows = await this.db.read<PanelRow>('programme/panel', { homeRegion: HOME_REGION });
    const panel = panelOf(rows, snapshot);
    const outcomeYear = panel.reduce<number | null>((y, f) => f.history.reduce((m, p) => Math.max(m ?? p.year, p.year), y), null);
    const options = { ...EVALUATION_DEFAULTS, ...request, outcomeYear: outcomeYear ?? 0 };
    const result = evaluateProgramme(panel, evaluationGroups(panel), options);
    const evaluation: ProgrammeEvaluation = {
      homeRegion: HOME_REGION,
      outcomeYear,
      method: {
        outcome: 'log-growth',
        exact: ['ksicDivision', 'sizeClass'],
        distance: 'standardised-euclidean',
        features: ['ln revenue', 'ln employees', 'revenue log growth', 'employment log growth'],
        neighbours: options.neighbours,
        replacement: true,
        baseYear: 'selection-1',
        weights: 'base-year-revenue',
        eventWindow: { from: options.eventFrom, to: options.eventTo },
        controls: `${HOME_REGION} firms outside the programme that neither supply nor buy from a programme firm directly`,
        bootstrap: { resamples: options.resamples, seed: options.seed, level: options.level, unit: 'treated-firm-with-its-matches', quantile: 'type-7' },
      },
      published: { cohorts: [...PUBLISHED_GROWTH.cohorts], year: PUBLISHED_GROWTH.year, revenueGrowth: PUBLISHED_GROWTH.revenueGrowth, employmentGrowth: PUBLISHED_GROWTH.employmentGrowth },
      controlPool: result.controlPool,
      groups: result.groups,
    };
    this.cached = { key, evaluation };
    return evaluation;
  }
}

/** Each firm with its selection year and, for a firm outside the programme, its earliest partner's. */
function panelOf(rows: PanelRow[], snapshot: Snapshot): PanelFirm[] {
  const selection = new Map(rows.map((r) => [r.id, selectionYear({ cohort: r.cohort })]));
  const partnerSelection = new Map<string, number>();
  for (const [id, year] of selection) {
    const k = snapshot.index.get(id);
    if (year === null || k === undefined) continue;
    const mark = (j: number) => {
      const partner = snapshot.ids[j];
      partnerSelection.set(partner, Math.min(partnerSelection.get(partner) ?? year, year));
    };
    for (let e = snapshot.outOffsets[k]; e < snapshot.outOffsets[k + 1]; e++) mark(snapshot.outTargets[e]);
    for (let e = snapshot.inOffsets[k]; e < snapshot.inOffsets[k + 1]; e++) mark(snapshot.inSources[e]);
  }
  return rows.map((r) => {
    const own = selection.get(r.id) ?? null;
    return {
      id: r.id,
      sector: r.sector,
      selection: own,
      partnerSelection: own === null ? (partnerSelection.get(r.id) ?? null) : null,
      history: JSON.parse(r.historyJson) as HistoryPoint[],
    };
  });
}

/**
 * The published pooling first (programme firms, then their partners), then each cohort and its partners.
 * The published pooling is shown when any of its cohorts is in the data.
 */
function evaluationGroups(panel: PanelFirm[]): EvaluationGroup[] {
  const cohorts = [...new Set(panel.flatMap((f) => (f.selection === null ? [] : [f.selection])))].sort((a, b) => a - b);
  const published = PUBLISHED_GROWTH.cohorts.filter((c) => cohorts.includes(c));
  const pooledKey = `cohorts-${PUBLISHED_GROWTH.cohorts.join('-')}`;
  const groups: EvaluationGroup[] = [];
  if (published.length > 0) {
    groups.push({ key: pooledKey, kind: 'programme', cohorts: published }, { key: `spillover-${pooledKey}`, kind: 'spillover', cohorts: published });
  }
  for (const c of cohorts) groups.push({ key: `cohort-${c}`, kind: 'programme', cohorts: [c] }, { key: `spillover-cohort-${c}`, kind: 'spillover', cohorts: [c] });
  return groups;
}
