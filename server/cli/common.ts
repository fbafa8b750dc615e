/** Shared by the command-line tools: configuration, connection, progress lines and argument parsing. */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { connect, type Connection } from '../db/connect.ts';
import { createLogger } from '../log.ts';
import type { ImportProgress } from '../services/importService.ts';

export { parseArgs };

export async function openConnection(): Promise<Connection> {
  const config = loadConfig();
  return connect(config, createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL));
}

/** Prints import progress on one updating line (stderr), so that stdout stays clean for the report. */
export function progressPrinter(): (p: ImportProgress) => void {
  const started = performance.now();
  let last = 0;
  return (p) => {
    const now = performance.now();
    const s = ((now - started) / 1000).toFixed(1);
    if (p.stage === 'commit') {
      process.stderr.write(`\n[${s}s] committing (all or nothing)…`);
    } else if ('done' in p) {
      if (now - last < 200 && p.done !== p.total) return;
      last = now;
      const pct = p.total ? ` (${Math.round((100 * p.done) / p.total)}%)` : '';
      process.stderr.write(`\r[${s}s] ${p.stage}: ${p.done.toLocaleString('en')}${p.total ? '/' + p.total.toLocaleString('en') : ''}${pct}   `);
    } else {
      process.stderr.write(`\n[${s}s] ${p.stage}…`);
    }
  };
}
