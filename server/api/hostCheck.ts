/**
 * Host and Origin allowlist. A page on another site can make a browser send requests to a locally run
 * instance (DNS rebinding gives it a name that resolves to 127.0.0.1, so the browser calls it same-origin):
 * checking the Host header against the names the server is really known by stops it from reading the
 * API, and checking Origin stops cross-site writes.
 */
import type { RequestHandler } from 'express';
import { HttpProblem } from './problem.ts';

export const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

export interface HostCheckOptions {
  /** Host names (no port) clients may use; '*' turns the check off. */
  allowed: readonly string[] | '*';
  /** Check the Host of every request (the local default), not only of writes. */
  everyRequest: boolean;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function hostnameOf(hostHeader: string): string | null {
  try {
    return new URL(`http://${hostHeader}`).hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  } catch {
    return null;
  }
}

export function hostCheck(options: HostCheckOptions): RequestHandler {
  if (options.allowed === '*') return (_req, _res, next) => next();
  const allowed = new Set(options.allowed.map((h) => h.toLowerCase().replace(/^\[(.*)\]$/, '$1')));
  return (req, _res, next) => {
    const write = !SAFE_METHODS.has(req.method);
    if (write || options.everyRequest) {
      const host = hostnameOf(req.get('host') ?? '');
      if (!host || !allowed.has(host)) {
        next(new HttpProblem(403, 'Host not allowed', 'This server does not answer to that host name; add it to ALLOWED_HOSTS if it is yours.'));
        return;
      }
    }
    const origin = req.get('origin');
    if (write && origin !== undefined) {
      const host = origin === 'null' ? null : hostnameOf(origin.replace(/^https?:\/\//i, ''));
      if (!host || !allowed.has(host)) {
        next(new HttpProblem(403, 'Origin not allowed', 'Changes are accepted only from pages served by this server.'));
        return;
      }
    }
    next();
  };
}

/**
 * From the configuration: ALLOWED_HOSTS when set (checked on every request); otherwise the loopback names
 * and HOST, checked on every request when the server listens on loopback (the local default) and on writes
 * when it listens on all interfaces.
 */
export function hostCheckOptions(config: { HOST: string; ALLOWED_HOSTS?: string }): HostCheckOptions {
  if (config.ALLOWED_HOSTS === '*') return { allowed: '*', everyRequest: false };
  if (config.ALLOWED_HOSTS) return { allowed: config.ALLOWED_HOSTS.split(','), everyRequest: true };
  const wildcard = ['0.0.0.0', '::'].includes(config.HOST);
  const loopback = LOOPBACK_NAMES.includes(config.HOST) || config.HOST.startsWith('127.');
  return { allowed: wildcard ? LOOPBACK_NAMES : [...LOOPBACK_NAMES, config.HOST], everyRequest: loopback };
}
