/** Turns a failure into a sentence a planner understands; the technical detail stays in the console. */
import { ApiError, NETWORK_FAILURE } from './api.ts';
import type { I18n } from './i18n/index.ts';

/** 409 "Metrics …": the network metrics are still being computed (after a start or an import). */
export function isMetricsPending(err: unknown): boolean {
  return err instanceof ApiError && err.status === 409 && /^Metrics/.test(err.title);
}

/** Seconds to wait before asking again while metrics are computed: 2, 3, 4, … up to 8. */
export function metricsRetryDelay(attempt: number): number {
  return 1000 * Math.min(8, 2 + Math.max(0, attempt));
}

export function explain(err: unknown, i18n: I18n): string {
  if (err instanceof ApiError) {
    const fields = err.errors.map((e) => (e.path ? `${e.path}: ${e.message}` : e.message)).join('; ');
    const detail = fields || err.detail || err.title;
    if (err.status === NETWORK_FAILURE) return i18n.t('error.offline');
    if (err.status === 404) {
      const firm = /\/api\/firms\/([^/?]+)/.exec(err.url);
      return firm ? i18n.t('error.firmNotFound', { id: decodeURIComponent(firm[1]) }) : i18n.t('error.notFound', { detail });
    }
    if (err.status === 400 || err.status === 422) return i18n.t('error.invalid', { detail });
    if (err.status === 401 || err.status === 403) return i18n.t('error.unauthorised');
    if (err.status === 503) return i18n.t('error.unavailable');
    if (isMetricsPending(err)) return i18n.t('error.metricsPending');
    if (err.status >= 500) return i18n.t('error.server', { status: err.status });
    return i18n.t('error.generic', { detail });
  }
  return i18n.t('error.generic', { detail: err instanceof Error ? err.message : String(err) });
}
