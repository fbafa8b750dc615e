/**
 * Entry point: configuration, the database (local or remote), the seed on first start, the HTTP listener,
 * and a graceful shutdown that also stops the local Neo4j.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createApp } from './app.ts';
import { hostCheckOptions } from './api/hostCheck.ts';
import { bytesOf, ConfigError, loadConfig } from './config.ts';
import { connect } from './db/connect.ts';
import { liveLink } from './db/liveStore.ts';
import { PROJECT_ROOT } from './db/localNeo4j.ts';
import { createLogger } from './log.ts';
import { createServices } from './services/index.ts';
import { snapshotDir } from './db/snapshotFile.ts';
import { resolveAdminToken } from './services/adminToken.ts';
import { loadSeedNetwork } from './services/seedService.ts';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config.LOG_LEVEL);
  const connection = await connect(config, log);
  const storeHome = connection.store ? liveLink(config.dataDir) : undefined;
  const services = createServices(connection.db, { recomputeOnImport: true, log, snapshotDir: snapshotDir(config.dataDir), storeHome });

  const [counts] = await connection.db.read<{ firms: number; supplies: number }>('health/counts');
  if (counts.firms === 0 && config.SEED_ON_EMPTY) {
    log.info('The database is empty: loading the Busan seed network…');
    const report = await loadSeedNetwork(services.importer, (p) => log.debug(`seed ${p.stage} ${p.rows}`));
    log.info(`Seeded ${report.firms.valid} firms and ${report.supplies.valid} supplies in ${report.durationMs} ms`);
  }

  // Rows of generations left behind by an import killed while staging, or not yet removed after a replace.
  void services.importer.removeStale();

  if (await services.metrics.ensureCurrent()) log.info('Metrics are missing or stale: computing them in the background…');

  // Uploads left by an import job the process did not live to finish.
  const importUploads = { dir: path.join(config.dataDir, 'import-uploads'), maxBytes: bytesOf(config.IMPORT_UPLOAD_MAX) };
  fs.rmSync(importUploads.dir, { recursive: true, force: true });

  const admin = resolveAdminToken(config.ANCHORAGE_ADMIN_TOKEN ?? config.ANCHORAGE_EDITOR_TOKEN, config.dataDir);
  if (!config.ANCHORAGE_ADMIN_TOKEN && config.ANCHORAGE_EDITOR_TOKEN) log.warn('ANCHORAGE_EDITOR_TOKEN is the former name of ANCHORAGE_ADMIN_TOKEN; please rename it.');
  const app = createApp(services, {
    adminToken: admin.token,
    maxBody: config.MAX_BODY,
    importUploads,
    log,
    hosts: hostCheckOptions(config),
    rateLimits: { writesPerMinute: config.RATE_LIMIT_WRITES, expensiveReadsPerMinute: config.RATE_LIMIT_READS },
    clientDir: path.join(PROJECT_ROOT, 'client', 'dist'),
  });
  const server = http.createServer(app);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, resolve);
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why = code === 'EADDRINUSE' ? `port ${config.PORT} is already in use (set PORT to another port)` : (error as Error).message;
    process.stderr.write(`Anchorage could not listen on ${config.HOST}:${config.PORT}: ${why}\n`);
    await connection.close().catch(() => {});
    process.exit(1);
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
  if (admin.file) log.info(`Admin token (imports, recomputes, tokens, audit) is in ${admin.file}`);
  process.stdout.write(`\nAnchorage is running at http://${host}:${port}/\n\n`);

  let closing = false;
  const shutdown = async (reason: string, code = 0) => {
    if (closing) return;
    closing = true;
    log.info(`Shutting down (${reason})…`);
    // Let requests in flight finish (up to 10 s), then close what is left and stop the database.
    const closed = new Promise((r) => server.close(r));
    server.closeIdleConnections();
    const grace = setTimeout(() => server.closeAllConnections(), 10_000);
    await closed;
    clearTimeout(grace);
    await connection.close().catch(() => {});
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('uncaughtException', (error) => {
    log.error('Uncaught exception', { error: error.stack });
    void shutdown('crash', 1);
  });
  process.on('unhandledRejection', (error) => {
    log.error('Unhandled rejection', { error: (error as Error)?.stack ?? String(error) });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`Anchorage could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
