/**
 * `npm run seed`: (re)loads the built-in Busan seed network into the configured Neo4j, replacing what is
 * there. `--seed <n>` picks another deterministic variant.
 */
import { parseArgs } from 'node:util';
import { openConnection, progressPrinter } from '../server/cli/common.ts';
import { ImportService } from '../server/services/importService.ts';
import { DEFAULT_SEED, loadSeedNetwork } from '../server/services/seedService.ts';

const { values } = parseArgs({ options: { seed: { type: 'string', default: String(DEFAULT_SEED) } } });

async function main() {
  const connection = await openConnection();
  try {
    const report = await loadSeedNetwork(new ImportService(connection.db), progressPrinter(), Number(values.seed));
    process.stderr.write(`\nLoaded the Busan seed network: ${report.firms.valid} firms, ${report.supplies.valid} supplies in ${report.durationMs} ms\n`);
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`\nSeeding failed: ${(error as Error).message}\n`);
  process.exit(1);
});
