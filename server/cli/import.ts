/**
 * Import from files: `npm run import -- --firms firms.csv --supplies supplies.csv` (CSV, or NDJSON when the
 * names end in .ndjson/.jsonl; both read as streams), or `--json data.json` for a small JSON document,
 * with `--mode merge|replace` (default merge), `--dry-run` and `--allow-empty` (a replace without firms).
 * `--engine cypher|offline` chooses how a replace is written: offline (the default for a replace into the
 * project-managed local Neo4j) runs Neo4j's offline importer into a new store that the owner of the
 * local Neo4j swaps in (import/offlineReplace.ts); cypher stages a generation over Bolt (the only way
 * into a NEO4J_URI database).
 * Same validation and all-or-nothing write as POST /api/import, and the same audit entry (the actor is the
 * CLI's OS user). Exit code 1 and the list of problems when the data is invalid. Exit code 3 when an
 * offline replace was published but the database stopped right after its swap: the CLI waits for its
 * restart (up to 5 minutes), audits the import and says so.
 */
import fs from 'node:fs';
import os from 'node:os';
import { AuditService } from '../services/auditService.ts';
import { importAuditRecord, networkCounts } from '../services/importAudit.ts';
import { EmptyReplaceError, ImportService, ImportValidationError } from '../services/importService.ts';
import { offlineReplace } from '../services/import/offlineReplace.ts';
import { sourceFromArrays, sourceFromFiles, type ImportSource } from '../services/import/rows.ts';
import { openConnection, parseArgs, progressPrinter } from './common.ts';

const { values } = parseArgs({
  options: {
    json: { type: 'string' },
    firms: { type: 'string' },
    supplies: { type: 'string' },
    mode: { type: 'string', default: 'merge' },
    'dry-run': { type: 'boolean', default: false },
    'allow-empty': { type: 'boolean', default: false },
    engine: { type: 'string' },
  },
});

function openInput(): ImportSource {
  if (values.json) {
    const data = JSON.parse(fs.readFileSync(values.json, 'utf8')) as { firms?: unknown; supplies?: unknown };
    if (!Array.isArray(data.firms) || !Array.isArray(data.supplies)) {
      throw new Error(`${values.json}: expected an object with "firms" and "supplies" arrays`);
    }
    return sourceFromArrays({ firms: data.firms, supplies: data.supplies });
  }
  if (values.firms && values.supplies) {
    for (const file of [values.firms, values.supplies]) if (!fs.existsSync(file)) throw new Error(`${file}: no such file`);
    return sourceFromFiles(values.firms, values.supplies);
  }
  throw new Error('give --json <file>, or --firms <firms.csv> and --supplies <supplies.csv>');
}

async function main() {
  if (values.mode !== 'merge' && values.mode !== 'replace') throw new Error('--mode must be merge or replace');
  if (values.engine !== undefined && values.engine !== 'cypher' && values.engine !== 'offline') throw new Error('--engine must be cypher or offline');
  const source = openInput();
  const connection = await openConnection();
  try {
    const offline = values.mode === 'replace' && !values['dry-run'] && (values.engine ?? (connection.store ? 'offline' : 'cypher')) === 'offline';
    if (offline && !connection.store) throw new Error('--engine offline needs the project-managed local Neo4j (NEO4J_URI is set)');
    const importer = new ImportService(connection.db);
    const printer = progressPrinter();
    const before = await networkCounts(connection.db);
    const report = offline
      ? await offlineReplace(connection.db, connection.store!, source, { allowEmpty: values['allow-empty'], onProgress: printer })
      : await importer.import(source, { mode: values.mode, dryRun: values['dry-run'], allowEmpty: values['allow-empty'], onProgress: printer });
    const swapFailure = 'swapFailure' in report ? (report.swapFailure as string | undefined) : undefined;
    if (swapFailure) {
      process.stderr.write(`\nThe import was published: ${swapFailure}. Waiting for the database…\n`);
      await connection.db.waitUntilReady(300_000).catch(() => {
        throw new Error(`the import was published (data version ${report.dataVersion}), but the database is not back after 5 minutes, so it is not audited`);
      });
    }
    if (!report.dryRun) {
      const actor = { id: 'cli', name: `cli:${os.userInfo().username}`, role: 'admin' } as const;
      await new AuditService(connection.db).record(importAuditRecord(actor, before, await networkCounts(connection.db), report));
    }
    // The new data is served from here on; the previous generation is removed before the process exits.
    await importer.idle();
    process.stderr.write('\n');
    process.stdout.write(JSON.stringify(report, null, 2) + '\n');
    if (swapFailure) {
      process.stderr.write('The database is back and serves the imported data; the import is audited.\n');
      process.exitCode = 3;
    }
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
  } else if (error instanceof EmptyReplaceError) {
    process.stderr.write(`\nImport refused: ${error.message} Add --allow-empty if that is what you want.\n`);
  } else {
    process.stderr.write(`\nImport failed: ${(error as Error).message}\n`);
  }
  process.exit(1);
});
