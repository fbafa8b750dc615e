// Compute pool threads start without the parent's TypeScript loader on Node 20 (as workerEntry.mjs), so
// each registers tsx itself before loading the TypeScript module.
import { register } from 'tsx/esm/api';

register();
await import('./computePoolWorker.ts');
