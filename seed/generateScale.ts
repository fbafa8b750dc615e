/**
 * CLI: writes a synthetic scale network.
 *   npx tsx seed/generateScale.ts --firms 100000 --links 1000000 --seed 7 --format json|csv --out <path>
 * JSON: one file {firms, supplies}. CSV: <out>/firms.csv and <out>/supplies.csv.
 * Progress goes to stderr, ending with one summary line with the elapsed milliseconds.
 */
import { parseArgs } from 'node:util';
import { writeCsv, writeJson } from './output.ts';
import { generateScaleColumns, SCALE_DEFAULTS } from './scale.ts';

const USAGE =
  'usage: npx tsx seed/generateScale.ts --firms N --links M [--seed S] [--format json|csv] [--out PATH]\n' +
  '  defaults: --firms 100000 --links 1000000 --seed 7 --format json --out .data/scale/scale-<N>-<M>[.json]';

function integer(name: string, raw: string): number {
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isSafeInteger(n)) throw new Error(`--${name} must be an integer, got "${raw}"\n${USAGE}`);
  return n;
}

function main(): void {
  const started = performance.now();
  const { values } = parseArgs({
    options: {
      firms: { type: 'string', default: '100000' },
      links: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: String(SCALE_DEFAULTS.seed) },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stderr.write(USAGE + '\n');
    return;
  }
  const firms = integer('firms', values.firms);
  const links = integer('links', values.links);
  const seed = integer('seed', values.seed);
  const format = values.format;
  if (format !== 'json' && format !== 'csv') throw new Error(`--format must be json or csv, got "${format}"\n${USAGE}`);
  const out = values.out ?? `.data/scale/scale-${firms}-${links}${format === 'json' ? '.json' : ''}`;
  const elapsed = () => `${Math.round(performance.now() - started)} ms`;
  const progress = (message: string) => process.stderr.write(`generateScale: ${message} (${elapsed()})\n`);

  const net = generateScaleColumns({ firms, links, seed, onProgress: progress });
  progress(`writing ${format} to ${out}`);
  const bytes =
    format === 'json' ? writeJson(out, net.firms, net.supplies) : Object.values(writeCsv(out, net.firms, net.supplies)).reduce((a, b) => a + b, 0);
  process.stderr.write(
    `generateScale: done: ${firms} firms, ${links} links, seed ${seed}, ${format} → ${out} ` +
      `(${(bytes / 1e6).toFixed(1)} MB) in ${elapsed()}\n`,
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`generateScale: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
