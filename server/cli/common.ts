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

/**
 * Prints import progress on one updating line (stderr), so that stdout stays clean for the report: rows
 * per second in the current stage and, when the share of the file read is known, the time left.
 */
export function progressPrinter(): (p: ImportProgress) => void {
  const started = performance.now();
  let stage = '';
  let stageStarted = started;
  let last = 0;
  return (p) => {
    const now = performance.now();
    if (p.stage !== stage) {
      if (stage) process.stderr.write('\n');
      stage = p.stage;
      stageStarted = now;
    } else if (now - last < 250 && p.fraction !== 1) return;
    last = now;
    const seconds = (now - stageStarted) / 1000;
    const rate = seconds > 0 ? Math.round(p.rows / seconds) : 0;
    const eta = p.fraction && p.fraction < 1 && seconds > 1 ? `, ${Math.round((seconds * (1 - p.fraction)) / p.fraction)} s left` : '';
    const pct = p.fraction !== undefined ? ` (${Math.round(100 * p.fraction)}%)` : '';
    const total = ((now - started) / 1000).toFixed(1);
    if (p.stage === 'validate' || p.stage === 'publish' || p.stage === 'swap') process.stderr.write(`[${total}s] ${p.stage}…`);
    else process.stderr.write(`\r[${total}s] ${p.stage}: ${p.rows.toLocaleString('en')}${pct}, ${rate.toLocaleString('en')}/s${eta}   `);
  };
}
