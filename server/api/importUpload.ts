/**
 * The import upload: a multipart/form-data body with two files, `firms` and `supplies` (CSV, or NDJSON
 * when the file name ends in .ndjson or .jsonl, as in the CLI), streamed by busboy to a fresh directory
 * under `dir`, each up to `maxBytes`. Nothing is held in memory, so a file as large as the CLI reads can
 * come from a browser. Whatever goes wrong, the directory is gone before the error leaves.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import type { Request } from 'express';
import busboy from 'busboy';
import { CsvSplitter, CsvSyntaxError, type CsvRecord } from '../services/import/csvSplitter.ts';
import { HttpProblem, type FieldError } from './problem.ts';

export const UPLOAD_PARTS = ['firms', 'supplies'] as const;
type Part = (typeof UPLOAD_PARTS)[number];

export interface SpooledFile {
  path: string;
  bytes: number;
}

export interface SpooledUpload {
  /** The directory the files are in; the caller removes it when the import is done. */
  dir: string;
  firms: SpooledFile;
  supplies: SpooledFile;
}

export interface UploadLimits {
  dir: string;
  maxBytes: number;
}

const invalid = (detail: string, errors: FieldError[]) => new HttpProblem(400, 'Invalid upload', detail, errors);

function tooLarge(part: string, maxBytes: number): HttpProblem {
  const limit = `${Math.round(maxBytes / 1024 ** 2).toLocaleString('en')} MiB`;
  return new HttpProblem(413, 'Upload too large', `body.${part}: the file is larger than the ${limit} an upload may have (IMPORT_UPLOAD_MAX); use the CLI or raise the limit.`, [
    { path: `body.${part}`, message: `larger than ${limit}` },
  ]);
}

export function requireMultipart(req: Request): void {
  if (!req.is('multipart/form-data')) {
    throw new HttpProblem(415, 'Unsupported media type', 'Send the files as multipart/form-data with the parts firms and supplies.', [{ path: 'body', message: 'must be multipart/form-data' }]);
  }
}

export async function spoolUpload(req: Request, limits: UploadLimits): Promise<SpooledUpload> {
  requireMultipart(req);
  fs.mkdirSync(limits.dir, { recursive: true });
  const dir = fs.mkdtempSync(path.join(limits.dir, 'upload-'));
  try {
    const files = await receive(req, dir, limits.maxBytes);
    const missing = UPLOAD_PARTS.filter((p) => !files[p]);
    if (missing.length > 0) throw invalid(`body.${missing[0]}: a file is required.`, missing.map((p) => ({ path: `body.${p}`, message: 'a file is required' })));
    return { dir, firms: files.firms!, supplies: files.supplies! };
  } catch (error) {
    // The rest of the body is read and dropped, so that the client hears the answer rather than a reset.
    req.resume();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

function receive(req: Request, dir: string, maxBytes: number): Promise<Partial<Record<Part, SpooledFile>>> {
  return new Promise((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: UPLOAD_PARTS.length, fields: 0, fileSize: maxBytes } });
    } catch {
      reject(invalid('The multipart body has no boundary.', [{ path: 'body', message: 'must be multipart/form-data with a boundary' }]));
      return;
    }
    const files = new Map<Part, SpooledFile>();
    const sinks: fs.WriteStream[] = [];
    const writes: Promise<void>[] = [];
    let failed = false;
    // Stops reading and writing at the first problem; answers once every file is closed, so that the
    // caller can remove the directory.
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      for (const sink of sinks) sink.destroy();
      void Promise.allSettled(writes).then(() => reject(error));
    };
    parser.on('file', (name, stream, info) => {
      const known = (UPLOAD_PARTS as readonly string[]).includes(name);
      if (!known || files.has(name as Part)) {
        stream.resume();
        fail(invalid(`body.${name}: ${known ? 'is sent twice' : 'is not a part of an import'}; send one firms and one supplies file.`, [{ path: `body.${name}`, message: 'unexpected part' }]));
        return;
      }
      const part = name as Part;
      const ndjson = /\.(ndjson|jsonl)$/i.test(info.filename ?? '');
      const file: SpooledFile = { path: path.join(dir, `${part}.${ndjson ? 'ndjson' : 'csv'}`), bytes: 0 };
      files.set(part, file);
      stream.on('data', (chunk: Buffer) => (file.bytes += chunk.length));
      stream.on('limit', () => fail(tooLarge(part, maxBytes)));
      const sink = fs.createWriteStream(file.path);
      sinks.push(sink);
      writes.push(pipeline(stream, sink).catch(fail));
    });
    parser.on('fieldsLimit', () => fail(invalid('Only the two files are accepted; options go in the query.', [{ path: 'body', message: 'has fields besides firms and supplies' }])));
    parser.on('filesLimit', () => fail(invalid('Only two files are accepted: firms and supplies.', [{ path: 'body', message: 'has more than two files' }])));
    parser.on('error', () => fail(invalid('The multipart body could not be read.', [{ path: 'body', message: 'is not well-formed multipart/form-data' }])));
    parser.on('close', () => {
      void Promise.all(writes).then(() => {
        if (!failed) resolve(Object.fromEntries(files));
      });
    });
    req.on('close', () => {
      if (!req.complete) fail(new HttpProblem(400, 'Upload interrupted', 'The upload ended before it was complete.'));
    });
    req.pipe(parser);
  });
}

/** The columns without which a CSV file cannot be the part it was sent as. */
const KEY_COLUMNS: Record<Part, string[]> = { firms: ['id'], supplies: ['supplier', 'buyer'] };
const HEADER_PROBE = 64 * 1024;

/**
 * A CSV part must start with a header naming its key columns: checked on the first 64 KiB before the job
 * starts, so that a file sent in the wrong picker, or not CSV at all, is refused at once (422) rather than
 * read in full. NDJSON has no header; its rows are checked by the import.
 */
export async function checkCsvHeaders(upload: SpooledUpload): Promise<void> {
  for (const part of UPLOAD_PARTS) {
    const file = upload[part];
    if (!file.path.endsWith('.csv')) continue;
    const handle = await fs.promises.open(file.path);
    let text: string;
    let whole: boolean;
    try {
      const buffer = Buffer.alloc(HEADER_PROBE);
      const { bytesRead } = await handle.read(buffer, 0, HEADER_PROBE, 0);
      whole = bytesRead < HEADER_PROBE;
      text = buffer.subarray(0, bytesRead).toString('utf8');
    } finally {
      await handle.close();
    }
    const records: CsvRecord[] = [];
    try {
      new CsvSplitter().push(text, whole, records);
    } catch (error) {
      // A broken quote: the import names its line.
      if (error instanceof CsvSyntaxError) continue;
      throw error;
    }
    const header = records.find((r) => !(r.cells.length === 1 && r.cells[0].trim() === ''));
    if (!header && !whole) continue;
    const columns = new Set(header?.cells.map((c) => c.trim()) ?? []);
    const missing = KEY_COLUMNS[part].filter((c) => !columns.has(c));
    if (missing.length > 0) {
      const why = header ? `its header has no ${missing.join(' or ')} column` : 'it is empty';
      throw new HttpProblem(422, 'Invalid import', `body.${part}: ${why}; a ${part} CSV starts with a header naming its columns (${KEY_COLUMNS[part].join(', ')}, …).`, [
        { path: `body.${part}`, message: header ? `header lacks ${missing.join(', ')}` : 'is empty' },
      ]);
    }
  }
}
