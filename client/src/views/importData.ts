/**
 * Data import (admins): two files (firms and supplies, CSV or NDJSON), merge or replace, dry run; the upload
 * with its own progress (XHR upload events), then the import job's stage, rows, rate and time left
 * (GET /api/jobs/:jobId), then what it wrote or the problems it found, row by row. The same import as the
 * CLI (POST /api/import/jobs), for files of any size the CLI takes.
 */
import { select } from 'd3-selection';
import { isAbort } from '../api.ts';
import type { ViewFactory } from '../context.ts';
import { explain } from '../errors.ts';
import type { MessageKey } from '../i18n/index.ts';
import { uploadImport, type ImportUpload } from '../importApi.ts';
import type { Job } from '../types.ts';
import { field, h, notice, select as selectBox } from '../ui/dom.ts';
import { forgetSupplyYears } from '../ui/yearControl.ts';

const POLL_MS = 500;
const STAGES = ['starting', 'read-existing', 'firms', 'supplies', 'validate', 'write', 'publish', 'cleanup', 'done'] as const;

interface ImportReport {
  mode: 'merge' | 'replace';
  dryRun: boolean;
  firms: { received: number; valid: number };
  supplies: { received: number; valid: number };
  written: { firms: number; supplies: number; deleted?: { firms: number; supplies: number } } | null;
  dataVersion: number | null;
  durationMs?: number;
}

interface ImportIssue {
  section?: 'firms' | 'supplies';
  line?: number;
  index?: number;
  field?: string;
  reason?: string;
  path?: string;
  message?: string;
}

interface Refusal {
  title: string;
  detail: string;
  errors?: ImportIssue[];
  errorCount?: number;
}

/** The import job under way, kept across visits to the view (the job runs on when the view is left). */
let runningJob: string | null = null;

export const importView: ViewFactory = (ctx) => {
  const { i18n } = ctx;
  const t = i18n.t;
  let upload: ImportUpload | null = null;
  let poll: ReturnType<typeof setTimeout> | null = null;
  let controller: AbortController | null = null;

  const firmsInput = h('input', { type: 'file', accept: '.csv,.ndjson,.jsonl,text/csv', required: true, testid: 'import-firms' });
  const suppliesInput = h('input', { type: 'file', accept: '.csv,.ndjson,.jsonl,text/csv', required: true, testid: 'import-supplies' });
  const modeSelect = selectBox({ testid: 'import-mode', onchange: () => syncMode() }, [['merge', t('import.mode.merge')], ['replace', t('import.mode.replace')]], 'merge');
  const dryRunBox = h('input', { type: 'checkbox', testid: 'import-dry-run' });
  const allowEmptyBox = h('input', { type: 'checkbox', testid: 'import-allow-empty' });
  const allowEmptyField = h('label', { class: 'field checkbox', hidden: true }, allowEmptyBox, h('span', {}, t('import.allowEmpty')));
  const modeHint = h('p', { class: 'hint', testid: 'import-mode-hint' });
  const startButton = h('button', { type: 'submit', testid: 'import-start' }, t('import.start'));
  const cancelButton = h('button', { type: 'button', testid: 'import-cancel', hidden: true, onclick: () => upload?.abort() }, t('import.cancelUpload'));
  const form = h(
    'form',
    { class: 'section import-form', testid: 'import-form', onsubmit: (e: Event) => (e.preventDefault(), start()) },
    h('p', { class: 'hint' }, t('import.help')),
    field(t('import.firmsFile'), firmsInput),
    field(t('import.suppliesFile'), suppliesInput),
    field(t('import.mode'), modeSelect),
    modeHint,
    h('label', { class: 'field checkbox' }, dryRunBox, h('span', {}, t('import.dryRun'))),
    allowEmptyField,
    h('div', { class: 'button-group' }, startButton, cancelButton),
  );
  const progressBox = h('div', { class: 'section import-progress', testid: 'import-progress', hidden: true });
  const resultBox = h('div', { testid: 'import-result', 'aria-live': 'polite' });
  const gate = h('div', { testid: 'import-gate' });
  const element = h('section', { class: 'view view-import', testid: 'view-import' }, h('h1', {}, t('import.title')), gate, form, progressBox, resultBox);

  function syncMode(): void {
    const replace = modeSelect.value === 'replace';
    modeHint.textContent = t(replace ? 'import.mode.replaceHint' : 'import.mode.mergeHint');
    allowEmptyField.hidden = !replace;
  }

  function syncRole(): void {
    const admin = ctx.session.may('admin');
    gate.replaceChildren(admin ? '' : notice('info', t('import.needsAdmin')));
    form.hidden = !admin;
  }

  function busy(on: boolean): void {
    for (const control of [firmsInput, suppliesInput, modeSelect, dryRunBox, allowEmptyBox, startButton]) control.disabled = on;
  }

  /** One labelled bar (0..1) and a line of figures beneath it, drawn with d3 so a redraw only updates. */
  function drawProgress(title: string, fraction: number | null, figures: string[]): void {
    progressBox.hidden = false;
    const box = select(progressBox);
    box.selectAll('h2').data([title]).join('h2').text((d) => d);
    const bar = box.selectAll<HTMLDivElement, number | null>('div.import-bar').data([fraction]).join((enter) => {
      const b = enter.append('div').attr('class', 'import-bar').attr('role', 'progressbar').attr('aria-valuemin', 0).attr('aria-valuemax', 100).attr('data-testid', 'import-bar');
      b.append('span');
      return b;
    });
    bar.classed('indeterminate', (d) => d === null).attr('aria-valuenow', (d) => (d === null ? null : Math.round(d * 100))).attr('aria-valuetext', title);
    bar.select('span').style('width', (d) => (d === null ? null : `${(d * 100).toFixed(1)}%`));
    box.selectAll('p.import-figures').data([figures.join(' · ')]).join('p').attr('class', 'import-figures').attr('data-testid', 'import-figures').text((d) => d);
  }

  const mebibytes = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;

  function duration(seconds: number): string {
    const s = Math.max(0, Math.round(seconds));
    if (s < 60) return t('import.seconds', { s });
    if (s < 3600) return t('import.minutes', { m: Math.floor(s / 60), s: s % 60 });
    return t('import.hours', { h: Math.floor(s / 3600), m: Math.floor((s % 3600) / 60) });
  }

  function stageName(stage: string): string {
    return (STAGES as readonly string[]).includes(stage) ? t(`import.stage.${stage}` as MessageKey) : stage;
  }

  function showJob(job: Job): void {
    const figures = [`${i18n.percent(job.progress)}`];
    if (job.rows !== undefined) figures.push(t('import.rows', { rows: i18n.count(job.rows) }));
    if (job.rowsPerSecond != null) figures.push(t('import.rate', { rate: i18n.count(Math.round(job.rowsPerSecond)) }));
    if (job.status === 'running' && job.etaSeconds != null) figures.push(t('import.eta', { time: duration(job.etaSeconds) }));
    drawProgress(t('import.jobStage', { stage: stageName(job.stage ?? '') }), job.progress, figures);
  }

  function start(): void {
    const firms = firmsInput.files?.[0];
    const supplies = suppliesInput.files?.[0];
    if (!firms || !supplies) {
      resultBox.replaceChildren(notice('error', t('import.pickBoth')));
      return;
    }
    resultBox.replaceChildren();
    busy(true);
    cancelButton.hidden = false;
    const options = { mode: modeSelect.value as 'merge' | 'replace', dryRun: dryRunBox.checked, allowEmpty: allowEmptyBox.checked };
    const total = firms.size + supplies.size;
    drawProgress(t('import.uploading'), 0, [t('import.sent', { sent: mebibytes(0), total: mebibytes(total) })]);
    upload = uploadImport({ firms, supplies }, options, (sent, all) => drawProgress(t('import.uploading'), sent / all, [t('import.sent', { sent: mebibytes(sent), total: mebibytes(all) })]));
    upload.started.then(
      ({ jobId, job }) => {
        upload = null;
        cancelButton.hidden = true;
        runningJob = jobId;
        showJob(job);
        follow(jobId);
      },
      (err: unknown) => {
        upload = null;
        cancelButton.hidden = true;
        busy(false);
        progressBox.hidden = true;
        resultBox.replaceChildren(notice('error', isAbort(err) ? t('import.cancelled') : explain(err, i18n)));
      },
    );
  }

  /** Polls the job until it ends, then shows what it did. */
  function follow(jobId: string): void {
    busy(true);
    controller = new AbortController();
    const signal = controller.signal;
    const step = async () => {
      let job: Job;
      try {
        job = await ctx.api.job(jobId, signal);
      } catch (err) {
        if (isAbort(err)) return;
        // A failed poll is not a failed import: ask again.
        poll = setTimeout(() => void step(), POLL_MS * 4);
        return;
      }
      showJob(job);
      if (job.status === 'running') {
        poll = setTimeout(() => void step(), POLL_MS);
        return;
      }
      runningJob = null;
      busy(false);
      finished(job);
    };
    void step();
  }

  function finished(job: Job): void {
    const report = job.result?.report as ImportReport | undefined;
    const refusal = job.result?.problem as Refusal | undefined;
    if (job.status === 'done' && report) {
      resultBox.replaceChildren(reportBox(report));
      if (!report.dryRun) {
        // Views read the new data when they are next opened; the page-wide caches must forget the old.
        forgetSupplyYears();
        ctx.announce(t('import.imported', { version: report.dataVersion ?? '—' }));
      } else ctx.announce(t('import.checked'));
    } else if (refusal) {
      resultBox.replaceChildren(problemsBox(refusal));
      ctx.announce(t('import.refused'));
    } else {
      resultBox.replaceChildren(notice('error', t('import.failed', { detail: job.error ?? '' })));
    }
  }

  function reportBox(r: ImportReport): HTMLElement {
    const row = (label: string, firms: number | string, supplies: number | string) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, typeof firms === 'number' ? i18n.count(firms) : firms), h('td', { class: 'num' }, typeof supplies === 'number' ? i18n.count(supplies) : supplies));
    const w = r.written;
    return h(
      'div',
      { class: 'section', testid: 'import-report' },
      h('h2', {}, t(r.dryRun ? 'import.reportDryRun' : 'import.report')),
      notice('info', r.dryRun ? t('import.dryRunOk') : t('import.writtenAt', { version: r.dataVersion ?? '—', mode: t(`import.mode.${r.mode}`) })),
      h(
        'table',
        { testid: 'import-counts' },
        h('thead', {}, h('tr', {}, h('th', {}, ''), h('th', { class: 'num' }, t('import.firms')), h('th', { class: 'num' }, t('import.supplies')))),
        h(
          'tbody',
          {},
          row(t('import.received'), r.firms.received, r.supplies.received),
          row(t('import.valid'), r.firms.valid, r.supplies.valid),
          w ? row(t('import.written'), w.firms, w.supplies) : null,
          w?.deleted && r.mode === 'replace' ? row(t('import.deleted'), w.deleted.firms, w.deleted.supplies) : null,
        ),
      ),
      r.durationMs === undefined ? null : h('p', { class: 'hint' }, t('import.took', { time: duration(r.durationMs / 1000) })),
    );
  }

  function problemsBox(p: Refusal): HTMLElement {
    const issues = p.errors ?? [];
    const count = p.errorCount ?? issues.length;
    const box = h(
      'div',
      { class: 'section', testid: 'import-problems' },
      h('h2', {}, count > 0 ? t('import.problems', { count: i18n.count(count) }) : t('import.refused')),
      notice('error', `${p.title}: ${p.detail}`),
      count > issues.length ? h('p', { class: 'hint' }, t('import.problemsShown', { shown: i18n.count(issues.length), count: i18n.count(count) })) : null,
    );
    // A refusal of the whole import (another one running, a replace without firms) has no rows to list.
    if (issues.length === 0) return box;
    const table = select(box).append('table').attr('data-testid', 'import-problem-table');
    table.append('thead').append('tr').selectAll('th').data([t('import.file'), t('import.line'), t('import.field'), t('import.reason')]).join('th').text((d) => d);
    table
      .append('tbody')
      .selectAll('tr')
      .data(issues)
      .join('tr')
      .selectAll('td')
      .data((i) => [i.section ? t(`import.${i.section}`) : '', i.line ?? (i.index !== undefined && i.index >= 0 ? `#${i.index + 1}` : ''), i.field ?? i.path ?? '', i.reason ?? i.message ?? ''])
      .join('td')
      .text((d) => String(d));
    return box;
  }

  const unsubscribe = ctx.session.subscribe(() => syncRole());
  syncMode();
  syncRole();
  if (runningJob) follow(runningJob);

  return {
    element,
    update() {},
    exporters: () => ({}),
    destroy() {
      unsubscribe();
      // Leaving stops the upload (the server drops what it had); a running import goes on, followed again on return.
      upload?.abort();
      controller?.abort();
      if (poll) clearTimeout(poll);
    },
  };
};
