/**
 * CLI: writes the synthetic Busan seed network to files (SYNTHETIC DATA; see SEED_LABEL in seed/busan.ts).
 *   npx tsx seed/writeSeed.ts [--seed 2026] [--format json|csv] [--out PATH]
 * JSON: one file {firms, supplies}. CSV: <out>/firms.csv and <out>/supplies.csv.
 * (`npm run seed` loads the same network straight into Neo4j.)
 */
import { parseArgs } from 'node:util';
import { generateBusanNetwork, SEED_LABEL } from './busan.ts';
import { withSupplyHistory } from './supplyHistory.ts';
import { toSupplyColumns, writeCsv, writeJson } from './output.ts';

const USAGE = 'usage: npx tsx seed/writeSeed.ts [--seed 2026] [--format json|csv] [--out PATH]  (default .data/seed/busan[.json])';

function main(): void {
  const started = performance.now();
  const { values } = parseArgs({
    options: {
      seed: { type: 'string', default: '2026' },
      format: { type: 'string', default: 'json' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n${SEED_LABEL}\n`);
    return;
  }
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be an integer, got "${values.seed}"\n${USAGE}`);
  const format = values.format;
  if (format !== 'json' && format !== 'csv') throw new Error(`--format must be json or csv, got "${format}"\n${USAGE}`);
  const out = values.out ?? `.data/seed/busan${format === 'json' ? '.json' : ''}`;

  const { firms, supplies } = withSupplyHistory(generateBusanNetwork(seed), seed);
  const columns = toSupplyColumns(firms, supplies);
  const bytes = format === 'json' ? writeJson(out, firms, columns) : Object.values(writeCsv(out, firms, columns)).reduce((a, b) => a + b, 0);
  process.stderr.write(
    `writeSeed: ${firms.length} firms, ${supplies.length} supplies, seed ${seed}, ${format} → ${out} ` +
      `(${(bytes / 1e6).toFixed(1)} MB) in ${Math.round(performance.now() - started)} ms\n${SEED_LABEL}\n`,
  );
}

try {
  main();
} catch (error) {
  process.stderr.write(`writeSeed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
