/**
 * POST /api/import/jobs: an upload of two files imported as a job, against the real app and Neo4j. The
 * job's progress and result are read through GET /api/jobs/:jobId, as the explorer reads them.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { createLogger } from '../../server/log.ts';
import { smallDataset, toCsv } from '../support/fixtures.ts';
import { ADMIN_TOKEN, asEditor, startHarness, type Harness } from './harness.ts';

const FIRM_COLUMNS = ['id', 'name', 'tier', 'sector', 'region', 'district', 'revenue', 'employees'];
const SUPPLY_COLUMNS = ['supplier', 'buyer', 'value', 'year'];

let h: Harness;
/** A second app over the same services, with its own upload directory and a 1 KiB limit per file. */
let small: { baseUrl: string; dir: string; close(): Promise<void> };
const base = smallDataset(40, 'b');

function csvPair(d: ReturnType<typeof smallDataset>) {
  return { firms: toCsv(d.firms, FIRM_COLUMNS), supplies: toCsv(d.supplies, SUPPLY_COLUMNS) };
}

async function upload(query: string, files: { firms?: string; supplies?: string }, headers: Record<string, string> = asEditor, baseUrl = h.baseUrl) {
  const form = new FormData();
  if (files.firms !== undefined) form.append('firms', new Blob([files.firms], { type: 'text/csv' }), 'firms.csv');
  if (files.supplies !== undefined) form.append('supplies', new Blob([files.supplies], { type: 'text/csv' }), 'supplies.csv');
  const res = await fetch(`${baseUrl}/api/import/jobs${query}`, { method: 'POST', body: form, headers });
  return { status: res.status, location: res.headers.get('location'), body: (await res.json()) as any };
}

async function settled(jobId: string) {
  for (;;) {
    const job = (await h.call('GET', `/api/jobs/${jobId}`)).body;
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function counts() {
  const r = await h.call('GET', '/api/health');
  return { firms: r.body.firms as number, supplies: r.body.supplies as number };
}

const latestAudit = async () => (await h.call('GET', '/api/audit?limit=1', undefined, asEditor)).body.entries[0];

beforeAll(async () => {
  h = await startHarness();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-upload-small-'));
  const server = http.createServer(createApp(h.services, { adminToken: ADMIN_TOKEN, maxBody: '1m', importUploads: { dir, maxBytes: 1024 }, log: createLogger('silent') }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  small = {
    baseUrl: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    dir,
    close: () => new Promise((r) => server.close(() => r())),
  };
});
afterAll(async () => {
  await small?.close();
  await h?.close();
});

beforeEach(async () => {
  expect((await h.call('POST', '/api/import?mode=replace', base, asEditor)).status).toBe(201);
});

describe('POST /api/import/jobs', () => {
  it('imports a valid CSV pair as a job, reports it and audits it as POST /api/import does', async () => {
    const d = smallDataset(25, 'u');
    const auditBefore = (await latestAudit()).seq;
    const started = await upload('?mode=replace', csvPair(d));
    expect(started.status).toBe(202);
    expect(started.location).toBe(`/api/jobs/${started.body.jobId}`);
    expect(started.body.job).toMatchObject({ kind: 'import', status: 'running' });

    const job = await settled(started.body.jobId);
    expect(job).toMatchObject({ status: 'done', stage: 'done', progress: 1, error: null });
    expect(job.result.report).toMatchObject({ mode: 'replace', dryRun: false, firms: { received: 25, valid: 25 }, supplies: { received: 24, valid: 24 } });
    expect(job.result.report.written).toMatchObject({ firms: 25, supplies: 24, deleted: { firms: 40, supplies: 39 } });
    // Rows counted for the rate shown beside the bar: the last pass read every row of both files.
    expect(job.rows).toBe(49);
    expect(await counts()).toEqual({ firms: 25, supplies: 24 });

    const entry = await latestAudit();
    expect(entry.seq).toBe(auditBefore + 1);
    expect(entry).toMatchObject({
      action: 'import',
      target: 'network',
      actor: { name: 'admin', role: 'admin' },
      before: { firms: 40, supplies: 39 },
      after: { firms: 25, supplies: 24 },
      details: { mode: 'replace', received: { firms: 25, supplies: 24 }, written: { firms: 25, supplies: 24 }, dataVersion: job.result.report.dataVersion },
    });
  });

  it('merges NDJSON files named .ndjson, as the CLI reads them', async () => {
    const ndjson = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
    const form = new FormData();
    form.append('firms', new Blob([ndjson([{ ...base.firms[3], revenue: 55_555 }])]), 'firms.ndjson');
    form.append('supplies', new Blob([ndjson([{ supplier: 'b5', buyer: 'b0', value: 321, year: 2024 }])]), 'more.jsonl');
    const res = await fetch(`${h.baseUrl}/api/import/jobs?mode=merge`, { method: 'POST', body: form, headers: asEditor });
    expect(res.status).toBe(202);
    const job = await settled(((await res.json()) as { jobId: string }).jobId);
    expect(job.status, JSON.stringify(job)).toBe('done');
    expect(job.result.report.written).toMatchObject({ firms: 1, supplies: 1 });
    expect((await h.call('GET', '/api/firms/b3')).body.revenue).toBe(55_555);
    expect(await counts()).toEqual({ firms: 40, supplies: 40 });
  });

  it('reports the problems of an invalid upload as the job result, with row, field and reason, and changes nothing', async () => {
    const d = smallDataset(30, 'v');
    d.supplies.splice(10, 0, { supplier: 'v5', buyer: 'nobody', value: 10, year: 2025 });
    (d.firms[4] as { tier: string }).tier = 'mega';
    const auditBefore = (await latestAudit()).seq;
    for (const mode of ['replace', 'merge']) {
      const started = await upload(`?mode=${mode}`, csvPair(d));
      expect(started.status).toBe(202);
      const job = await settled(started.body.jobId);
      expect(job.status).toBe('failed');
      const problem = job.result.problem;
      // The bad tier, the unknown buyer, and the four supplies of the refused firm v4 (it sells to v1, v13–v15 sell to it).
      expect(problem).toMatchObject({ status: 422, title: 'Invalid import', errorCount: 6 });
      // CSV lines count the header: firm index 4 is line 6, supply index 10 is line 12.
      expect(problem.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ section: 'firms', index: 4, line: 6, field: 'tier' }),
          expect.objectContaining({ section: 'supplies', index: 10, line: 12, field: 'buyer' }),
        ]),
      );
      expect(job.error).toContain('nothing was written');
      expect(await counts()).toEqual({ firms: 40, supplies: 39 });
    }
    expect((await latestAudit()).seq).toBe(auditBefore);
  });

  it('names the file, not the server directory, when a file cannot be read as rows', async () => {
    const started = await upload('?mode=merge&dryRun=true', { firms: 'id,name\n"broken,quote\n', supplies: 'supplier,buyer,value\n' });
    const job = await settled(started.body.jobId);
    expect(job.result.problem.errors[0]).toMatchObject({ section: 'firms', field: '(row)' });
    expect(job.result.problem.errors[0].reason).toMatch(/^firms\.csv line/);
    expect(JSON.stringify(job)).not.toContain(os.tmpdir());
  });

  it('a dry run reports without writing or auditing', async () => {
    const auditBefore = (await latestAudit()).seq;
    const started = await upload('?mode=replace&dryRun=true', csvPair(smallDataset(12, 'w')));
    const job = await settled(started.body.jobId);
    expect(job.result.report).toMatchObject({ dryRun: true, written: null, firms: { received: 12, valid: 12 } });
    expect(await counts()).toEqual({ firms: 40, supplies: 39 });
    expect((await latestAudit()).seq).toBe(auditBefore);
  });

  it('refuses a replace without firms unless allowEmpty, as POST /api/import does', async () => {
    const started = await upload('?mode=replace', { firms: `${FIRM_COLUMNS.join(',')}\n`, supplies: `${SUPPLY_COLUMNS.join(',')}\n` });
    const job = await settled(started.body.jobId);
    expect(job.result.problem).toMatchObject({ status: 422, errors: [{ path: 'query.allowEmpty' }] });
    expect(await counts()).toEqual({ firms: 40, supplies: 39 });
  });

  it('refuses a file over IMPORT_UPLOAD_MAX with 413 naming the field, keeping nothing', async () => {
    const big = csvPair(smallDataset(200, 'x'));
    expect(big.supplies.length).toBeGreaterThan(1024);
    const r = await upload('?mode=replace', { firms: csvPair(smallDataset(3, 'x')).firms, supplies: big.supplies }, asEditor, small.baseUrl);
    expect(r.status).toBe(413);
    expect(r.body.errors).toEqual([expect.objectContaining({ path: 'body.supplies' })]);
    expect(r.body.detail).toContain('body.supplies');
    expect(fs.readdirSync(small.dir)).toEqual([]);
    expect(await counts()).toEqual({ firms: 40, supplies: 39 });
    // The slot is free again.
    const ok = await upload('?mode=merge&dryRun=true', csvPair(smallDataset(3, 'x')), asEditor, small.baseUrl);
    expect(ok.status).toBe(202);
    expect((await settled(ok.body.jobId)).status).toBe('done');
    // The spooled files go when the job ends, done or refused.
    expect(fs.readdirSync(small.dir)).toEqual([]);
    const refused = await upload('?mode=merge', { firms: 'id,name\n"open quote\n', supplies: 'supplier,buyer\n' }, asEditor, small.baseUrl);
    expect((await settled(refused.body.jobId)).status).toBe('failed');
    expect(fs.readdirSync(small.dir)).toEqual([]);
  });

  it('refuses every role but admin (403) and anyone without credentials (401)', async () => {
    for (const role of ['viewer', 'analyst', 'official', 'evaluator'] as const) {
      expect((await upload('?mode=merge', csvPair(base), await h.tokenFor(role))).status, role).toBe(403);
    }
    expect((await upload('?mode=merge', csvPair(base), {})).status).toBe(401);
  });

  it('refuses a second import while one runs (409), and a missing file or a JSON body with 4xx', async () => {
    const big = smallDataset(3_000, 'y');
    const first = await upload('?mode=replace', csvPair(big));
    expect(first.status).toBe(202);
    const second = await upload('?mode=merge&dryRun=true', csvPair(base));
    expect(second.status).toBe(409);
    expect(second.body.title).toBe('Import in progress');
    const job = await settled(first.body.jobId);
    expect(job.status).toBe('done');
    expect(await counts()).toEqual({ firms: 3_000, supplies: 2_999 });
    expect((await h.call('POST', '/api/import?mode=replace', base, asEditor)).status).toBe(201);

    const missing = await upload('?mode=merge', { firms: csvPair(base).firms });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([expect.objectContaining({ path: 'body.supplies' })]);
    expect((await h.call('POST', '/api/import/jobs?mode=merge', base, asEditor)).status).toBe(415);
    // Files in the wrong pickers, or no CSV at all, are refused before a job starts.
    const pair = csvPair(base);
    const swapped = await upload('?mode=merge', { firms: pair.supplies, supplies: pair.firms });
    expect(swapped.status).toBe(422);
    expect(swapped.body.errors.map((e: { path: string }) => e.path)).toEqual(['body.firms']);
    expect(swapped.body.detail).toContain('no id column');
    const empty = await upload('?mode=merge', { firms: pair.firms, supplies: '' });
    expect(empty.status).toBe(422);
    expect(empty.body.errors).toEqual([expect.objectContaining({ path: 'body.supplies', message: 'is empty' })]);
    expect(await counts()).toEqual({ firms: 40, supplies: 39 });
    expect((await upload('?mode=sideways', csvPair(base))).status).toBe(400);
  });
});
