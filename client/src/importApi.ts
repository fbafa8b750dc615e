/**
 * The import upload (POST /api/import/jobs): two files as multipart/form-data through XMLHttpRequest,
 * whose upload events (unlike fetch's) say how much has been sent. The answer is the job to poll.
 */
import { ApiError, NETWORK_FAILURE, queryString, type ProblemField } from './api.ts';
import type { Job } from './types.ts';

export interface ImportOptions {
  mode: 'merge' | 'replace';
  dryRun: boolean;
  allowEmpty: boolean;
}

export interface ImportUpload {
  /** Resolves with the job once the files are on the server. */
  started: Promise<{ jobId: string; job: Job }>;
  abort(): void;
}

export function uploadImport(files: { firms: File; supplies: File }, options: ImportOptions, onProgress: (sent: number, total: number) => void): ImportUpload {
  const url = `/api/import/jobs${queryString({ mode: options.mode, dryRun: options.dryRun, allowEmpty: options.allowEmpty })}`;
  const xhr = new XMLHttpRequest();
  const started = new Promise<{ jobId: string; job: Job }>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) onProgress(e.loaded, e.total);
    });
    xhr.addEventListener('load', () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body) {
        resolve(body as { jobId: string; job: Job });
        return;
      }
      const p = (body ?? {}) as { title?: string; detail?: string; errors?: ProblemField[] };
      reject(new ApiError(xhr.status, p.title ?? xhr.statusText, p.detail ?? '', Array.isArray(p.errors) ? p.errors : [], url));
    });
    xhr.addEventListener('error', () => reject(new ApiError(NETWORK_FAILURE, 'Network failure', 'The upload did not reach the server.', [], url)));
    xhr.addEventListener('abort', () => reject(new DOMException('The upload was cancelled.', 'AbortError')));
    const form = new FormData();
    // The names tell the server CSV from NDJSON (.ndjson, .jsonl), as the CLI's file names do.
    form.append('firms', files.firms, files.firms.name);
    form.append('supplies', files.supplies, files.supplies.name);
    xhr.send(form);
  });
  return { started, abort: () => xhr.abort() };
}
