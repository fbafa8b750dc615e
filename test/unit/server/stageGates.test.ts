import { describe, expect, it } from 'vitest';
import { presentationScore, unmetRequirements, type GateState } from '../../../server/domain/stageGates.ts';

const passed = { 'production-line': true, 'quality-system': true, 'safety-environment': true, capacity: true, 'records-match': true };
const base: GateState = {
  stage: 1,
  minAiScore: 60,
  panelWeights: { expert: 0.7, citizen: 0.3 },
  screening: null,
  aiScores: {},
  assignments: [],
  presentationScores: [],
  inspection: null,
};
const reqs = (s: Partial<GateState>) => unmetRequirements({ ...base, ...s }).map((u) => u.requirement);

describe('stage gates', () => {
  it('1 → 2 needs a screening with complete documents and an eligible firm', () => {
    expect(reqs({})).toEqual(['screening']);
    expect(reqs({ screening: { documentsComplete: false, eligible: false, reasons: ['already-anchor'] } })).toEqual(['screening.documentsComplete', 'screening.eligible']);
    expect(unmetRequirements({ ...base, screening: { documentsComplete: true, eligible: false, reasons: ['region'] } })[0].message).toContain('region');
    expect(reqs({ screening: { documentsComplete: true, eligible: true, reasons: [] } })).toEqual([]);
  });

  it('2 → 3 needs both AI evaluations at or above the minimum', () => {
    expect(reqs({ stage: 2 })).toEqual(['aiScores.credit-guarantee', 'aiScores.technology-finance']);
    expect(reqs({ stage: 2, aiScores: { 'credit-guarantee': 59.9, 'technology-finance': 60 } })).toEqual(['aiScores.credit-guarantee']);
    expect(reqs({ stage: 2, aiScores: { 'credit-guarantee': 60, 'technology-finance': 100 } })).toEqual([]);
  });

  it('3 → 4 needs each weighted panel scored and every assignment scored or conflicted', () => {
    const assignments = [
      { evaluator: 'e1', panel: 'expert' as const, conflict: false },
      { evaluator: 'c1', panel: 'citizen' as const, conflict: null },
      { evaluator: 'e2', panel: 'expert' as const, conflict: true },
    ];
    expect(reqs({ stage: 3, assignments })).toEqual(['presentation.expert', 'presentation.citizen', 'presentation.assignments.e1', 'presentation.assignments.c1']);
    const presentationScores = [{ evaluator: 'e1', panel: 'expert' as const, score: 80 }];
    expect(reqs({ stage: 3, assignments, presentationScores })).toEqual(['presentation.citizen', 'presentation.assignments.c1']);
    expect(reqs({ stage: 3, assignments, presentationScores, panelWeights: { expert: 1, citizen: 0 } })).toEqual(['presentation.assignments.c1']);
    expect(reqs({ stage: 3, assignments, presentationScores: [...presentationScores, { evaluator: 'c1', panel: 'citizen', score: 50 }] })).toEqual([]);
  });

  it('4 → 5 needs every inspection item passed; stage 5 has no next stage', () => {
    expect(reqs({ stage: 4 })).toEqual(['inspection']);
    expect(reqs({ stage: 4, inspection: { ...passed, capacity: false } })).toEqual(['inspection.capacity']);
    expect(reqs({ stage: 4, inspection: passed })).toEqual([]);
    expect(reqs({ stage: 5 })).toEqual(['stage']);
  });
});

describe('presentation score', () => {
  it('weights the panel means: 0.7·mean(80, 90) + 0.3·60 = 77.5', () => {
    const s = presentationScore({ expert: 7, citizen: 3 }, [
      { panel: 'expert', score: 80 },
      { panel: 'expert', score: 90 },
      { panel: 'citizen', score: 60 },
    ]);
    expect(s.expert).toBe(85);
    expect(s.citizen).toBe(60);
    expect(s.combined).toBeCloseTo(77.5, 12);
    expect(s.weights).toEqual({ expert: 0.7, citizen: 0.3 });
  });

  it('is null while a weighted panel has no score; a zero-weight panel is not needed', () => {
    expect(presentationScore({ expert: 1, citizen: 1 }, [{ panel: 'expert', score: 70 }]).combined).toBeNull();
    expect(presentationScore({ expert: 1, citizen: 0 }, [{ panel: 'expert', score: 70 }]).combined).toBe(70);
  });
});
