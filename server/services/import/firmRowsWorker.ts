/**
 * The firm rows of a CSV file checked in a worker thread, so that the offline replace's first pass uses
 * the second core: the worker reads the file (csv.ts), checks each row against the Firm schema, hashes it
 * for the duplicate rule and writes its importer cells (importerLines.ts), which is all the per-row work
 * that needs no other row. The main thread keeps what does (numbering, duplicates, the accounting sums) in
 * DatasetValidator, and takes the rows in file order, so every problem is reported as in one thread.
 * At most a few batches are in flight, so memory stays bounded however fast the worker runs.
 */
import fs from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { Firm } from '../../domain/firm.ts';
import { csvRecords, rowValues } from './csv.ts';
import { firmCells, hasLineBreak } from './importerLines.ts';
import { InputFormatError } from './rows.ts';
import { snapshotFirmOf } from './snapshotFirm.ts';
import type { SnapshotFirm } from '../../analytics/snapshot.ts';
import { firmHash, firmIdOf, schemaProblems, type CheckedFirm, type SchemaProblem } from './validate.ts';

/** One row: the checked firm with its hash and cells, or the schema's problems. */
export type CheckedFirmRow =
  | { line: number; firm: CheckedFirm; hash: number; cells: string; snapshot: SnapshotFirm }
  | { line: number; rawId: string | undefined; problems: SchemaProblem[] };

export interface CheckedFirmBatch {
  rows: CheckedFirmRow[];
  fraction?: number;
  /** Some cell of these rows holds a line break. */
  multiline: boolean;
}

type Message = { batch: CheckedFirmBatch } | { end: true } | { format: { line: number; reason: string } } | { failed: string };

const IN_FLIGHT = 4;
const TSX_API = import.meta.resolve('tsx/esm/api');

async function runWorker(file: string): Promise<void> {
  const port = parentPort!;
  let credit = IN_FLIGHT;
  let waiting: (() => void) | null = null;
  port.on('message', () => {
    credit++;
    waiting?.();
  });
  try {
    for await (const { header, records, fraction } of csvRecords(fs.createReadStream(file, { highWaterMark: 1 << 20 }), file, fs.statSync(file).size)) {
      const rows: CheckedFirmRow[] = [];
      let multiline = false;
      for (const { cells, line } of records) {
        const values = rowValues(header, cells);
        const parsed = Firm.safeParse(values);
        if (!parsed.success) {
          rows.push({ line, rawId: firmIdOf(values), problems: schemaProblems(parsed.error) });
          continue;
        }
        const firm = parsed.data;
        const out = firmCells(firm);
        if (!multiline && hasLineBreak(out)) multiline = true;
        rows.push({ line, firm: { id: firm.id, revenue: firm.revenue, sector: firm.sector, valueAddedRatio: firm.valueAddedRatio, wageShare: firm.wageShare }, hash: firmHash(firm), cells: out, snapshot: snapshotFirmOf(firm) });
      }
      while (credit === 0) await new Promise<void>((resolve) => (waiting = resolve));
      credit--;
      port.postMessage({ batch: { rows, fraction, multiline } } satisfies Message);
    }
    port.postMessage({ end: true } satisfies Message);
  } catch (error) {
    if (error instanceof InputFormatError) port.postMessage({ format: { line: error.line, reason: error.reason } } satisfies Message);
    else port.postMessage({ failed: String((error as Error)?.stack ?? error) } satisfies Message);
  }
  port.close();
}

/**
 * The firm rows of `file`, checked in a worker. Throws InputFormatError as csv.ts does for a file that
 * cannot be read as rows.
 */
export async function* checkedFirmRows(file: string): AsyncGenerator<CheckedFirmBatch> {
  // A worker does not inherit the process's TypeScript loader: it registers tsx's before loading this file.
  const boot = `import(${JSON.stringify(TSX_API)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
  const worker = new Worker(boot, { eval: true, workerData: { firmRowsFile: file } });
  const queue: Message[] = [];
  let wake: (() => void) | null = null;
  let stopped: Error | null = null;
  worker.on('message', (m: Message) => {
    queue.push(m);
    wake?.();
  });
  worker.on('error', (error) => {
    stopped = error;
    wake?.();
  });
  worker.on('exit', (code) => {
    stopped ??= new Error(`firm rows worker exited (${code})`);
    wake?.();
  });
  try {
    for (;;) {
      while (queue.length === 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift();
      if (!m) throw stopped!;
      if ('batch' in m) {
        yield m.batch;
        worker.postMessage('more');
      } else if ('end' in m) return;
      else if ('format' in m) throw new InputFormatError(file, m.format.line, m.format.reason);
      else throw new Error(`firm rows worker: ${m.failed}`);
    }
  } finally {
    await worker.terminate();
  }
}

if (!isMainThread && typeof workerData?.firmRowsFile === 'string') await runWorker(workerData.firmRowsFile);
