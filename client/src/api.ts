/**
 * The HTTP client: one function per endpoint, typed by the API's shapes. Failures become `ApiError`
 * (from application/problem+json when the server sends it), so views can explain them in plain words.
 */
import type {
  CandidatesResponse,
  CommunitiesResponse,
  Criterion,
  DisruptionResult,
  FirmDetail,
  FirmPage,
  FirmSummary,
  Health,
  Job,
  Meta,
  NetworkResponse,
  ProgrammeEvaluation,
  OverviewBy,
  OverviewResponse,
  RippleModel,
  RippleResult,
  RippleScope,
  Shock,
} from './types.ts';
import { normaliseDisruption } from './shape/ripple.ts';
import type { Session } from './session.ts';

export interface ProblemField {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: ProblemField[] = [],
    readonly url = '',
  ) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

/** status 0: the request never got an answer (offline, server down, CORS). */
export const NETWORK_FAILURE = 0;

type Query = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>;
/** A year's supplies, and the year to compare them with (null: not asked). */
export type YearQuery = { year?: number | null; compareYear?: number | null };

export function queryString(q: Query): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) {
    if (v === null || v === undefined || v === '') continue;
    if (Array.isArray(v)) {
      if (v.length) p.set(k, v.join(','));
    } else p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

export class Api {
  constructor(private readonly base = '') {}

  async request<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const url = this.base + path;
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers: body === undefined ? { accept: 'application/json' } : { 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal,
      });
    } catch (err) {
      if ((err as Error).name === 'AbortError') throw err;
      throw new ApiError(NETWORK_FAILURE, 'Network failure', (err as Error).message, [], url);
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    if (!res.ok) {
      const p = (json ?? {}) as { title?: string; detail?: string; errors?: ProblemField[] };
      throw new ApiError(res.status, p.title ?? res.statusText, p.detail ?? '', Array.isArray(p.errors) ? p.errors : [], url);
    }
    if (json === null && res.status === 204) return undefined as T;
    if (json === null) throw new ApiError(res.status, 'Bad response', `The server sent no JSON for ${path}`, [], url);
    return json as T;
  }

  health(signal?: AbortSignal): Promise<Health> {
    return this.request('GET', '/api/health', undefined, signal);
  }

  meta(signal?: AbortSignal): Promise<Meta> {
    return this.request('GET', '/api/meta', undefined, signal);
  }

  firms(q: Query, signal?: AbortSignal): Promise<FirmPage> {
    return this.request('GET', `/api/firms${queryString(q)}`, undefined, signal);
  }

  firm(id: string, signal?: AbortSignal, years: YearQuery = {}): Promise<FirmDetail> {
    return this.request('GET', `/api/firms/${encodeURIComponent(id)}${queryString(years)}`, undefined, signal);
  }

  /** The calendar years with supplies, ascending. */
  supplyYears(signal?: AbortSignal): Promise<{ years: number[] }> {
    return this.request('GET', '/api/supply-years', undefined, signal);
  }

  network(
    id: string,
    q: { direction: 'upstream' | 'downstream' | 'both'; depth: number; minValue?: number; limit?: number } & YearQuery,
    signal?: AbortSignal,
  ): Promise<NetworkResponse> {
    return this.request('GET', `/api/firms/${encodeURIComponent(id)}/network${queryString(q)}`, undefined, signal);
  }

  graph(q: Query, signal?: AbortSignal): Promise<NetworkResponse> {
    return this.request('GET', `/api/graph${queryString(q)}`, undefined, signal);
  }

  overview(q: { by: OverviewBy; open: readonly string[]; context: boolean; focus?: readonly string[] }, signal?: AbortSignal): Promise<OverviewResponse> {
    return this.request('GET', `/api/overview${queryString({ by: q.by, open: q.open, context: q.context, focus: q.focus ?? [] })}`, undefined, signal);
  }

  firmAttributes(ids: readonly string[], signal?: AbortSignal): Promise<{ firms: FirmSummary[] }> {
    return this.request('POST', '/api/firm-attributes', { ids }, signal);
  }

  path(from: string, to: string, signal?: AbortSignal): Promise<NetworkResponse> {
    return this.request('GET', `/api/path${queryString({ from, to })}`, undefined, signal);
  }

  ripple(body: { model: RippleModel; scope?: RippleScope; households?: boolean; shocks: Shock[]; limit?: number }, signal?: AbortSignal): Promise<RippleResult> {
    return this.request('POST', '/api/ripple', body, signal);
  }

  async disruption(body: { firmIds: string[]; capacityLoss?: number }, signal?: AbortSignal): Promise<DisruptionResult> {
    return normaliseDisruption(await this.request('POST', '/api/disruption', body, signal));
  }

  communities(signal?: AbortSignal): Promise<CommunitiesResponse> {
    return this.request('GET', '/api/communities', undefined, signal);
  }

  candidates(
    q: Partial<Record<Criterion, number>> & { minRevenue?: number | null; maxRevenue?: number | null; region?: string | null; limit?: number },
    signal?: AbortSignal,
  ): Promise<CandidatesResponse> {
    return this.request('GET', `/api/candidates${queryString(q)}`, undefined, signal);
  }

  programmeEvaluation(signal?: AbortSignal): Promise<ProgrammeEvaluation> {
    return this.request('GET', '/api/programme/evaluation', undefined, signal);
  }

  session(signal?: AbortSignal): Promise<Session> {
    return this.request('GET', '/api/session', undefined, signal);
  }

  /** Exchanges a token for an httpOnly session cookie (the token is not kept by the page). */
  signIn(token: string): Promise<Session> {
    return this.request('POST', '/api/session', { token });
  }

  signOut(): Promise<void> {
    return this.request('DELETE', '/api/session');
  }

  job(id: string, signal?: AbortSignal): Promise<Job> {
    return this.request('GET', `/api/jobs/${encodeURIComponent(id)}`, undefined, signal);
  }

  /** GET /api/metrics, of which the page reads only the recompute's job (stage and share done). */
  metricsJob(signal?: AbortSignal): Promise<{ job: Job | null }> {
    return this.request('GET', '/api/metrics', undefined, signal);
  }
}

export const isAbort = (err: unknown): boolean => (err as Error | null)?.name === 'AbortError';
