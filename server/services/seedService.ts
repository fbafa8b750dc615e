/** Loads the built-in Busan seed network with its supply history (replacing whatever is there). */
import { generateBusanNetwork } from '../../seed/busan.ts';
import { withSupplyHistory } from '../../seed/supplyHistory.ts';
import type { ImportReport, ImportService, ImportProgress } from './importService.ts';

export const DEFAULT_SEED = 2026;

export async function loadSeedNetwork(importer: ImportService, onProgress?: (p: ImportProgress) => void, seed = DEFAULT_SEED): Promise<ImportReport> {
  const data = withSupplyHistory(generateBusanNetwork(seed), seed);
  return importer.import(data, { mode: 'replace', dryRun: false, onProgress });
}
