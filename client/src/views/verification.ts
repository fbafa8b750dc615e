/**
 * The five-stage verification: officials open a call, add applicants from the candidates ranking, record
 * each stage (screening, AI evaluations, presentation panels, on-site inspection), advance them through the
 * gates and select; evaluators see only their assignments, declare conflicts of interest and score.
 * The applicant's network evidence sits beside the records. Signing in here opens a session (cookie).
 */
import { isAbort } from '../api.ts';
import type { ViewFactory } from '../context.ts';
import { explain } from '../errors.ts';
import type { AppState } from '../state.ts';
import type { CandidatesResponse } from '../types.ts';
import { field, h, notice, select } from '../ui/dom.ts';
import { WorkflowApi, type ApplicationDetail, type AssignmentItem, type Evidence } from '../workflowApi.ts';

const STAGE_KEYS = ['screening', 'ai-evaluation', 'presentation', 'inspection', 'selection'] as const;
const INSPECTION = ['production-line', 'quality-system', 'safety-environment', 'capacity', 'records-match'] as const;
const GROWTH = ['pre-anchor', 'anchor', 'top-anchor'] as const;

export const verificationView: ViewFactory = (ctx, initial) => {
  const { i18n } = ctx;
  const t = i18n.t;
  const api = new WorkflowApi(ctx.api);
  let controller: AbortController | null = null;
  const body = h('div', { class: 'verify-body' });
  const errorBox = h('div', { testid: 'verify-error', 'aria-live': 'assertive' });
  const element = h('section', { class: 'view view-verification', testid: 'view-verification' }, h('h1', {}, t('verify.title')), errorBox, body);

  const num = (v: number | null | undefined, digits = 2) => (v === null || v === undefined ? '—' : v.toFixed(digits));
  const stageName = (n: number) => t(`verify.stage.${STAGE_KEYS[n - 1]}`);
  const isOfficial = () => ctx.session.may('official');

  /** Runs a write, shows its refusal in words, and reloads the view. */
  async function act(work: () => Promise<unknown>, done?: string): Promise<void> {
    errorBox.replaceChildren();
    try {
      await work();
      if (done) ctx.announce(done);
    } catch (err) {
      errorBox.replaceChildren(notice('error', explain(err, i18n)));
      return;
    }
    await load(ctx.state());
  }

  function signIn(): HTMLElement {
    const token = h('input', { type: 'password', autocomplete: 'off', testid: 'verify-token', required: true });
    return h(
      'form',
      {
        class: 'section',
        testid: 'verify-signin-form',
        onsubmit: (e: Event) => {
          e.preventDefault();
          void act(() => ctx.session.signIn(token.value.trim()));
        },
      },
      h('p', {}, t('verify.signInHelp')),
      field(t('verify.token'), token),
      h('button', { type: 'submit', testid: 'verify-signin' }, t('verify.signIn')),
    );
  }

  function evidenceBox(e: Evidence | null): HTMLElement {
    if (!e) return h('div', { class: 'section', testid: 'verify-evidence' }, h('p', { class: 'hint' }, t('verify.noEvidence')));
    const fact = (label: string, value: string) => [h('dt', {}, label), h('dd', {}, value)];
    const risks = e.singleSource;
    return h(
      'div',
      { class: 'section', testid: 'verify-evidence' },
      h('h3', {}, t('verify.evidence')),
      e.metricsCurrent ? null : h('p', { class: 'hint' }, t('verify.metricsStale')),
      h(
        'dl',
        { class: 'facts' },
        ...fact(t('verify.outputMultiplier'), num(e.multipliers?.output, 3)),
        ...fact(t('verify.employmentMultiplier'), num(e.multipliers?.employment, 2)),
        ...fact(t('verify.retention'), e.regionalRetention == null ? '—' : i18n.percent(e.regionalRetention)),
        ...fact(t('verify.pagerank'), num(e.centrality?.pagerank, 5)),
        ...fact(t('verify.criticality'), num(e.centrality?.supplierCriticality, 5)),
        ...fact(t('verify.betweenness'), num(e.centrality?.betweenness, 5)),
        ...fact(t('verify.dependentBuyers'), risks ? risks.dependentBuyers.map((b) => `${b.name} (${i18n.percent(b.share)})`).join(', ') || t('common.no') : '—'),
        ...fact(t('verify.dominantSuppliers'), risks ? risks.dominantSuppliers.map((b) => `${b.name} (${i18n.percent(b.share)})`).join(', ') || t('common.no') : '—'),
      ),
    );
  }

  function stageTracker(a: ApplicationDetail): HTMLElement {
    return h(
      'ol',
      { class: 'stage-tracker', testid: 'verify-stages' },
      ...STAGE_KEYS.map((_, k) => {
        const n = k + 1;
        const state = a.status === 'selected' || n < a.stage ? 'done' : n === a.stage ? 'current' : 'todo';
        return h('li', { class: `stage stage-${state}`, 'data-stage': n, 'aria-current': n === a.stage ? 'step' : false }, `${n}. ${stageName(n)}`);
      }),
    );
  }

  function records(a: ApplicationDetail): HTMLElement {
    const rows: HTMLElement[] = [];
    const line = (label: string, value: string) => rows.push(h('dt', {}, label), h('dd', {}, value));
    if (a.candidate) line(t('verify.candidate'), t('verify.candidateValue', { rank: a.candidate.rank, score: a.candidate.score.toFixed(1) }));
    if (a.screening) line(t('verify.stage.screening'), `${a.screening.documentsComplete ? t('verify.docsComplete') : t('verify.docsIncomplete')}; ${a.screening.eligible ? t('verify.eligible') : t('verify.ineligible', { reasons: a.screening.reasons.join(', ') })} — ${a.screening.by}`);
    for (const s of a.aiScores) line(t(`verify.ai.${s.source as 'credit-guarantee' | 'technology-finance'}`), `${s.score} — ${s.evaluator}, ${s.at.slice(0, 16).replace('T', ' ')}${s.notes ? ` (${s.notes})` : ''}`);
    for (const x of a.presentation.assignments) {
      const score = a.presentation.scores.find((s) => s.evaluator === x.evaluator);
      const status = x.conflict === true ? t('verify.conflictDeclared') : score ? `${score.score}${score.notes ? ` (${score.notes})` : ''}` : x.conflict === false ? t('verify.awaitingScore') : t('verify.awaitingDeclaration');
      line(`${x.evaluator} · ${t(`verify.panel.${x.panel}`)}`, status);
    }
    const summary = a.presentation.summary;
    if (a.presentation.scores.length) line(t('verify.presentationScore'), `${num(summary.combined, 1)} (${t('verify.panel.expert')} ${num(summary.expert, 1)} × ${num(summary.weights.expert, 2)}, ${t('verify.panel.citizen')} ${num(summary.citizen, 1)} × ${num(summary.weights.citizen, 2)})`);
    if (a.inspection) line(t('verify.stage.inspection'), INSPECTION.map((i) => `${t(`verify.check.${i}`)} ${a.inspection!.checklist[i] ? '✓' : '✗'}`).join(', '));
    if (a.selection) line(t('verify.stage.selection'), `${i18n.tier(a.selection.growthStage)}, ${i18n.money(a.selection.supportAmount)}`);
    if (a.rejection) line(t('verify.rejected'), `${a.rejection.reason} — ${a.rejection.by}`);
    return h('dl', { class: 'facts', testid: 'verify-records' }, ...rows);
  }

  function stageForm(a: ApplicationDetail): HTMLElement | null {
    if (a.status !== 'in-progress') return null;
    const notes = h('input', { type: 'text', maxlength: 4000, testid: 'verify-notes', placeholder: t('verify.notes') });
    const form = (testid: string, submit: () => Promise<unknown>, ...controls: HTMLElement[]) =>
      h(
        'form',
        {
          class: 'toolbar',
          testid: `${testid}-form`,
          onsubmit: (e: Event) => {
            e.preventDefault();
            void act(submit, t('verify.recorded'));
          },
        },
        ...controls,
        notes,
        h('button', { type: 'submit', testid }, t(`verify.submit.${a.stage}` as 'verify.submit.1')),
      );
    switch (a.stage) {
      case 1: {
        const docs = h('input', { type: 'checkbox', testid: 'verify-docs' });
        return form('verify-screen', () => api.step(a.id, 'screening', { documentsComplete: docs.checked, notes: notes.value }), field(t('verify.docsComplete'), docs));
      }
      case 2: {
        const evaluator = select({ testid: 'verify-ai-evaluator' }, [['credit-guarantee', t('verify.ai.credit-guarantee')], ['technology-finance', t('verify.ai.technology-finance')]], 'credit-guarantee');
        const score = h('input', { type: 'number', min: 0, max: 100, step: 'any', required: true, testid: 'verify-ai-score' });
        return form('verify-ai-record', () => api.step(a.id, 'ai-scores', { evaluator: evaluator.value, score: Number(score.value), notes: notes.value }), field(t('verify.aiEvaluator'), evaluator), field(t('verify.score'), score));
      }
      case 3: {
        const name = h('input', { type: 'text', maxlength: 100, required: true, testid: 'verify-assign-name' });
        const panel = select({ testid: 'verify-assign-panel' }, [['expert', t('verify.panel.expert')], ['citizen', t('verify.panel.citizen')]], 'expert');
        return form('verify-assign', () => api.step(a.id, 'assignments', { evaluator: name.value, panel: panel.value }), field(t('verify.evaluator'), name), field(t('verify.panel'), panel));
      }
      case 4: {
        const boxes = INSPECTION.map((i) => [i, h('input', { type: 'checkbox', testid: `verify-check-${i}` })] as const);
        return form('verify-inspect', () => api.step(a.id, 'inspection', { checklist: Object.fromEntries(boxes.map(([i, b]) => [i, b.checked])), notes: notes.value }), ...boxes.map(([i, b]) => field(t(`verify.check.${i}`), b)));
      }
      case 5: {
        const growth = select({ testid: 'verify-growth' }, GROWTH.map((g) => [g, i18n.tier(g)]), 'pre-anchor');
        const amount = h('input', { type: 'number', min: 1, max: 500, step: 'any', required: true, testid: 'verify-amount' });
        return form('verify-select', () => api.step(a.id, 'selection', { growthStage: growth.value, supportAmount: Number(amount.value), notes: notes.value }), field(t('verify.growthStage'), growth), field(t('verify.supportAmount'), amount));
      }
      default:
        return null;
    }
  }

  function decisions(a: ApplicationDetail): HTMLElement | null {
    if (a.status !== 'in-progress') return null;
    const reason = h('input', { type: 'text', maxlength: 2000, testid: 'verify-reject-reason', placeholder: t('verify.reason') });
    return h(
      'div',
      { class: 'section' },
      a.nextStageRequirements.length
        ? h('ul', { class: 'requirements', testid: 'verify-requirements' }, ...a.nextStageRequirements.map((r) => h('li', { 'data-requirement': r.requirement }, r.message)))
        : a.stage < 5
          ? h('p', { class: 'hint', testid: 'verify-requirements-met' }, t('verify.gateMet'))
          : null,
      h(
        'div',
        { class: 'toolbar' },
        a.stage < 5 ? h('button', { type: 'button', testid: 'verify-advance', onclick: () => void act(() => api.step(a.id, 'advance', { notes: '' }), t('verify.advanced')) }, t('verify.advance', { stage: stageName(a.stage + 1) })) : null,
        reason,
        h('button', { type: 'button', testid: 'verify-reject', onclick: () => void act(() => api.step(a.id, 'reject', { reason: reason.value })) }, t('verify.reject')),
      ),
    );
  }

  function applicationPanel(a: ApplicationDetail): HTMLElement {
    return h(
      'div',
      { class: 'section verify-application', testid: 'verify-application', 'data-id': a.id, 'data-stage': a.stage, 'data-status': a.status },
      h('h2', {}, a.firm ? i18n.firmName({ name: a.firm.name, nameKo: a.firm.nameKo ?? undefined }) : a.firmId, ' ', h('span', { class: 'hint', testid: 'verify-status' }, t(`verify.status.${a.status}`))),
      stageTracker(a),
      h('div', { class: 'grid-2' }, h('div', {}, records(a), stageForm(a), decisions(a)), evidenceBox(a.evidence)),
      a.status === 'selected' ? h('p', {}, h('a', { href: `#/firm?id=${encodeURIComponent(a.firmId)}`, testid: 'verify-firm-link' }, t('verify.seeTierHistory'))) : null,
    );
  }

  async function candidatesBox(callId: string, signal: AbortSignal, applied: Set<string>): Promise<HTMLElement> {
    const box = h('div', { class: 'section', testid: 'verify-candidates' }, h('h3', {}, t('verify.fromCandidates')));
    const byId = h('input', { type: 'text', maxlength: 64, testid: 'verify-add-id', placeholder: t('verify.firmId') });
    box.append(h('div', { class: 'toolbar' }, byId, h('button', { type: 'button', testid: 'verify-add-submit', onclick: () => void act(() => api.addApplication(callId, byId.value.trim())) }, t('verify.add'))));
    try {
      const ranking = await ctx.api.request<CandidatesResponse>('GET', '/api/candidates?limit=10', undefined, signal);
      box.append(
        h(
          'table',
          {},
          h('tbody', {}, ...ranking.items.map((c) => h('tr', {}, h('td', { class: 'num' }, String(c.rank)), h('td', {}, i18n.firmName(c)), h('td', { class: 'num' }, c.score.toFixed(1)), h('td', {}, applied.has(c.id) ? t('verify.applied') : h('button', { type: 'button', testid: 'verify-add', 'data-id': c.id, onclick: () => void act(() => api.addApplication(callId, c.id)) }, t('verify.add')))))),
        ),
      );
    } catch (err) {
      if (!isAbort(err)) box.append(notice('info', explain(err, i18n)));
    }
    return box;
  }

  async function callPanel(callId: string, s: AppState, signal: AbortSignal): Promise<HTMLElement[]> {
    const call = await api.callDetail(callId, signal);
    const csv = h('textarea', { rows: 3, testid: 'verify-ai-csv', placeholder: 'firmId,evaluator,score,notes' });
    const table = h(
      'table',
      { testid: 'verify-applicants' },
      h('thead', {}, h('tr', {}, h('th', {}, t('firmAttr.name')), h('th', {}, t('verify.stageColumn')), h('th', {}, t('verify.statusColumn')), h('th', { class: 'num' }, t('verify.presentationScore')))),
      h(
        'tbody',
        {},
        ...call.applications.map((a) =>
          h(
            'tr',
            { testid: 'verify-app-row', 'data-id': a.id, 'data-firm': a.firmId, 'data-stage': a.stage, 'data-status': a.status, class: a.id === s.verification.app ? 'selected' : '' },
            h('td', {}, h('a', { href: '#', testid: 'verify-open-app', onclick: (e: Event) => (e.preventDefault(), ctx.navigate({ verification: { app: a.id } })) }, a.firm ? i18n.firmName({ name: a.firm.name, nameKo: a.firm.nameKo ?? undefined }) : a.firmId)),
            h('td', {}, `${a.stage}. ${stageName(a.stage)}`),
            h('td', {}, t(`verify.status.${a.status}`)),
            h('td', { class: 'num' }, num(a.presentation.summary.combined, 1)),
          ),
        ),
      ),
    );
    const parts: HTMLElement[] = [
      h(
        'div',
        { class: 'section', testid: 'verify-call', 'data-id': call.id },
        h('h2', {}, `${call.title} (${call.year})`),
        h('p', { class: 'hint' }, t('verify.callFacts', { expert: num(call.panelWeights.expert, 2), citizen: num(call.panelWeights.citizen, 2), min: call.minAiScore })),
        call.applications.length ? table : notice('empty', t('verify.noApplicants')),
        h('details', {}, h('summary', {}, t('verify.aiImport')), csv, h('button', { type: 'button', testid: 'verify-ai-import', onclick: () => void act(() => api.importAiScores(call.id, csv.value)) }, t('verify.import'))),
      ),
      await candidatesBox(call.id, signal, new Set(call.applications.map((a) => a.firmId))),
    ];
    if (s.verification.app && call.applications.some((a) => a.id === s.verification.app)) parts.push(applicationPanel(await api.application(s.verification.app, signal)));
    return parts;
  }

  function newCallForm(): HTMLElement {
    const year = h('input', { type: 'number', min: 2000, max: 2100, value: new Date().getFullYear(), testid: 'verify-call-year', required: true });
    const title = h('input', { type: 'text', maxlength: 200, testid: 'verify-call-title', required: true });
    const expert = h('input', { type: 'number', min: 0, step: 'any', value: 0.7, testid: 'verify-call-expert' });
    const citizen = h('input', { type: 'number', min: 0, step: 'any', value: 0.3, testid: 'verify-call-citizen' });
    const min = h('input', { type: 'number', min: 0, max: 100, step: 'any', value: 0, testid: 'verify-call-min' });
    return h(
      'form',
      {
        class: 'toolbar',
        onsubmit: (e: Event) => {
          e.preventDefault();
          void act(async () => {
            const call = await api.createCall({ year: Number(year.value), title: title.value, panelWeights: { expert: Number(expert.value), citizen: Number(citizen.value) }, minAiScore: Number(min.value) });
            ctx.navigate({ verification: { call: call.id, app: null } });
          });
        },
      },
      field(t('verify.year'), year),
      field(t('verify.callTitle'), title),
      field(t('verify.expertWeight'), expert),
      field(t('verify.citizenWeight'), citizen),
      field(t('verify.minAiScore'), min),
      h('button', { type: 'submit', testid: 'verify-call-create' }, t('verify.createCall')),
    );
  }

  async function officialView(s: AppState, signal: AbortSignal): Promise<HTMLElement[]> {
    const { items } = await api.calls(signal);
    const list = h(
      'div',
      { class: 'section' },
      h('h2', {}, t('verify.calls')),
      h('ul', { class: 'call-list' }, ...items.map((c) => h('li', {}, h('a', { href: '#', testid: 'verify-open-call', 'data-id': c.id, 'aria-current': c.id === s.verification.call ? 'true' : false, onclick: (e: Event) => (e.preventDefault(), ctx.navigate({ verification: { call: c.id, app: null } })) }, `${c.title} (${c.year})`), ` — ${t('verify.callCounts', { applicants: c.applicants, selected: c.selected, rejected: c.rejected })}`))),
      h('h3', {}, t('verify.newCall')),
      newCallForm(),
    );
    return [list, ...(s.verification.call ? await callPanel(s.verification.call, s, signal) : [])];
  }

  function assignmentRow(item: AssignmentItem, detail: ApplicationDetail | null): HTMLElement {
    const x = item.assignment;
    const open = item.status === 'in-progress' && item.stage <= 3;
    const statement = h('input', { type: 'text', maxlength: 2000, testid: 'verify-conflict-statement', placeholder: t('verify.conflictStatement') });
    const score = h('input', { type: 'number', min: 0, max: 100, step: 'any', testid: 'verify-score' });
    const notes = h('input', { type: 'text', maxlength: 4000, testid: 'verify-score-notes', placeholder: t('verify.notes') });
    const declare = (conflict: boolean) => act(() => api.step(item.applicationId, 'conflict-declaration', { conflict, statement: statement.value }), t('verify.recorded'));
    return h(
      'div',
      { class: 'section', testid: 'verify-assignment', 'data-id': item.applicationId, 'data-conflict': String(x.conflict) },
      h('h3', {}, item.nameKo && i18n.lang === 'ko' ? item.nameKo : (item.name ?? item.firmId), ' · ', `${item.callTitle} (${item.year})`, ' · ', t(`verify.panel.${x.panel}`)),
      h('p', {}, `${item.stage}. ${stageName(item.stage)} — ${t(`verify.status.${item.status as 'in-progress'}`)}`),
      x.conflict === null && open
        ? h('div', { class: 'toolbar' }, h('button', { type: 'button', testid: 'verify-no-conflict', onclick: () => void declare(false) }, t('verify.noConflict')), statement, h('button', { type: 'button', testid: 'verify-conflict', onclick: () => void declare(true) }, t('verify.declareConflict')))
        : h('p', {}, x.conflict ? t('verify.conflictDeclared') : t('verify.noConflictDeclared')),
      item.score ? h('p', { testid: 'verify-my-score' }, t('verify.myScore', { score: item.score.score })) : null,
      x.conflict === false && item.stage === 3 && item.status === 'in-progress'
        ? h('form', { class: 'toolbar', onsubmit: (e: Event) => (e.preventDefault(), void act(() => api.step(item.applicationId, 'presentation-score', { score: Number(score.value), notes: notes.value }), t('verify.recorded'))) }, field(t('verify.score'), score), notes, h('button', { type: 'submit', testid: 'verify-score-submit' }, t('verify.submitScore')))
        : null,
      detail ? evidenceBox(detail.evidence) : null,
    );
  }

  async function evaluatorView(signal: AbortSignal): Promise<HTMLElement[]> {
    const { items } = await api.assignments(signal);
    if (items.length === 0) return [notice('empty', t('verify.noAssignments'))];
    const details = await Promise.all(items.map((i) => api.application(i.applicationId, signal).catch(() => null)));
    return [h('h2', {}, t('verify.myAssignments')), ...items.map((item, k) => assignmentRow(item, details[k]))];
  }

  async function load(s: AppState): Promise<void> {
    controller?.abort();
    controller = new AbortController();
    const signal = controller.signal;
    const task = ctx.progress.start(t('common.loading'));
    try {
      const session = ctx.session.current;
      const who = session.signedIn ? h('p', { class: 'hint', testid: 'verify-signed-in', 'data-role': session.role }, t('verify.signedInAs', { name: session.name, role: session.role })) : null;
      const parts = !session.signedIn
        ? [signIn()]
        : isOfficial()
          ? await officialView(s, signal)
          : ctx.session.may('evaluator')
            ? await evaluatorView(signal)
            : [notice('info', t('verify.needsRole')), signIn()];
      body.replaceChildren(...(who ? [who] : []), ...parts);
    } catch (err) {
      if (!isAbort(err)) body.replaceChildren(notice('error', explain(err, i18n), { label: t('common.retry'), run: () => void load(ctx.state()) }));
    } finally {
      task.done();
    }
  }

  // Signing in or out in the header shows what the new role may do.
  let seen = JSON.stringify(ctx.session.current);
  const unsubscribe = ctx.session.subscribe((now) => {
    if (JSON.stringify(now) === seen) return;
    seen = JSON.stringify(now);
    void load(ctx.state());
  });
  void load(initial);
  return {
    element,
    update(next: AppState, prev: AppState) {
      if (next.verification.call !== prev.verification.call || next.verification.app !== prev.verification.app) {
        errorBox.replaceChildren();
        void load(next);
      }
    },
    exporters: () => ({}),
    destroy() {
      controller?.abort();
      unsubscribe();
    },
  };
};
