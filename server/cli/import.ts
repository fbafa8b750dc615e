/**
 * Import from files: `npm run import -- --json data.json` or `--firms firms.csv --supplies supplies.csv`,
 * with `--mode merge|replace` (default merge), `--dry-run` and `--allow-empty` (a replace without firms). Same validation and all-or-nothing write
 * as POST /api/import, and the same audit entry (the actor is the CLI's OS user). Exit code 1 and the list of problems when the data is invalid.
 */
import fs from 'node:fs';
import os from 'node:os';
import { AuditService } from '../services/auditService.ts';
import { importAuditRecord, networkCounts } from '../services/importAudit.ts';
import { datasetFromCsv, ImportValidationError } from '../services/importService.ts';
import { ImportService } from '../services/importService.ts';
import type { RawDataset } from '../services/import/validate.ts';
import { openConnection, parseArgs, progressPrinter } from './common.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'string' },
    firms: { type: 'string' },
    supplies: { type: 'string' },
    mode: { type: 'string', default: 'merge' },
    'dry-run': { type: 'boolean', default: false },
    'allow-empty': { type: 'boolean', default: false },
  },
});

function readInput(): RawDataset {
  if (values.json) {
    const data = JSON.parse(fs.readFileSync(values.json, 'utf8')) as { firms?: unknown; supplies?: unknown };
    if (!Array.isArray(data.firms) || !Array.isArray(data.supplies)) {
      throw new Error(`${values.json}: expected an object with "firms" and "supplies" arrays`);
    }
    return { firms: data.firms, supplies: data.supplies };
  }
  if (values.firms && values.supplies) {
    return datasetFromCsv(fs.readFileSync(values.firms, 'utf8'), fs.readFileSync(values.supplies, 'utf8'));
  }
  throw new Error('give --json <file>, or --firms <firms.csv> and --supplies <supplies.csv>');
}

async function main() {
  if (values.mode !== 'merge' && values.mode !== 'replace') throw new Error('--mode must be merge or replace');
  const started = performance.now();
  process.stderr.write('Reading input…');
  const raw = readInput();
  process.stderr.write(` ${raw.firms.length.toLocaleString('en')} firms, ${raw.supplies.length.toLocaleString('en')} supplies in ${Math.round(performance.now() - started)} ms\n`);
  if (values.mode === 'replace' && raw.firms.length === 0 && !values['allow-empty']) {
    throw new Error('a replace without firms deletes the whole network; add --allow-empty if that is what you want');
  }
  const connection = await openConnection();
  try {
    const before = await networkCounts(connection.db);
    const report = await new ImportService(connection.db).import(raw, { mode: values.mode, dryRun: values['dry-run'], onProgress: progressPrinter() });
    if (!report.dryRun) {
      const actor = { id: 'cli', name: `cli:${os.userInfo().username}`, role: 'admin' } as const;
      await new AuditService(connection.db).record(importAuditRecord(actor, before, await networkCounts(connection.db), report));
    }
    process.stderr.write('\n');
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ImportValidationError) {
    process.stderr.write(`\n${error.message}\n`);
    for (const i of error.issues.slice(0, 200)) {
      process.stderr.write(`  ${i.section}[${i.index}]${i.line ? ` (line ${i.line})` : ''} ${i.field}: ${i.reason}\n`);
    }
    if (error.issueCount > 200) process.stderr.write(`  … and ${error.issueCount - 200} more\n`);
  } else {
    process.stderr.write(`\nImport failed: ${(error as Error).message}\n`);
  }
  process.exit(1);
});
