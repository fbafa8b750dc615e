/**
 * The request channel from an import CLI to the process that owns the local Neo4j JVM (a running server,
 * or another CLI): a Unix socket, DATA_DIR/neo4j.sock. The data directory is 0700 and the socket 0600, so
 * only the owner's user reaches it; a socket (rather than a request file the owner polls) answers at once
 * and tells the CLI whether the swap went through, and a CLI killed while waiting leaves no request behind:
 * the owner finishes or undoes the swap on its own. One JSON line each way.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { z } from 'zod';
import { SupersededError } from './localNeo4j.ts';

const socketPath = (dataDir: string) => path.join(path.resolve(dataDir), 'neo4j.sock');

export const SwapRequest = z.object({
  op: z.literal('replace-store'),
  home: z.string().min(1),
  generation: z.number().int().positive(),
  firms: z.number().int().nonnegative(),
  supplies: z.number().int().nonnegative(),
});
export type SwapRequest = z.infer<typeof SwapRequest>;

export interface SwapResult {
  version: number;
  /** How long the database was unavailable (live DBMS stopped → new one serving). */
  unavailableMs: number;
  copied: { nodes: number; relationships: number; dropped: number };
}

const SwapReply = z.union([
  z.object({ ok: z.literal(true), result: z.object({ version: z.number(), unavailableMs: z.number(), copied: z.object({ nodes: z.number(), relationships: z.number(), dropped: z.number() }) }) }),
  z.object({ ok: z.literal(false), error: z.string(), superseded: z.boolean().optional(), switchedVersion: z.number().optional() }),
]);

export class SwapRefusedError extends Error {
  constructor(message: string, readonly superseded = false) {
    super(message);
  }
}

/**
 * A swap that failed after its switch: the new store is live with its generation published (data version
 * `version`), but its JVM did not start; the owner's supervisor restarts it. The import took effect.
 */
export class SwitchedSwapError extends Error {
  override name = 'SwitchedSwapError';
  constructor(message: string, readonly version: number) {
    super(message);
  }
}

/** Serves swap requests for the owner; returns a function that closes the socket. */
export function serveStoreControl(dataDir: string, swap: (request: SwapRequest) => Promise<SwapResult>, log: (m: string) => void): () => void {
  const file = socketPath(dataDir);
  fs.rmSync(file, { force: true });
  const server = net.createServer((socket) => {
    let buffer = '';
    socket.on('error', () => {});
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      const end = buffer.indexOf('\n');
      if (end < 0) {
        if (buffer.length > 64_000) socket.destroy();
        return;
      }
      socket.pause();
      let parsed;
      try {
        parsed = SwapRequest.safeParse(JSON.parse(buffer.slice(0, end)));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) {
        socket.end(JSON.stringify({ ok: false, error: 'malformed request' }) + '\n');
        return;
      }
      swap(parsed.data).then(
        (result) => socket.end(JSON.stringify({ ok: true, result }) + '\n'),
        (error: unknown) => {
          log(`Store swap refused: ${(error as Error).message}`);
          const switchedVersion = error instanceof SwitchedSwapError ? error.version : undefined;
          socket.end(JSON.stringify({ ok: false, error: (error as Error).message, superseded: error instanceof SupersededError, switchedVersion }) + '\n');
        },
      );
    });
  });
  server.listen(file, () => fs.chmodSync(file, 0o600));
  server.on('error', (error) => log(`Store control socket: ${error.message}`));
  return () => {
    server.close();
    fs.rmSync(file, { force: true });
  };
}

/** Asks the owner of the local Neo4j to swap the staged store in; resolves when it serves it. */
export function requestSwap(dataDir: string, request: SwapRequest): Promise<SwapResult> {
  return new Promise((resolve, reject) => {
    const socket = net.createConnection(socketPath(dataDir));
    let reply = '';
    socket.on('connect', () => socket.write(JSON.stringify(request) + '\n'));
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('error', (error) => reject(new SwapRefusedError(`the process serving the local Neo4j did not answer (${error.message})`)));
    socket.on('close', () => {
      let parsed;
      try {
        parsed = SwapReply.safeParse(JSON.parse(reply));
      } catch {
        parsed = null;
      }
      if (!parsed?.success) reject(new SwapRefusedError('the process serving the local Neo4j ended the swap without an answer'));
      else if (parsed.data.ok) resolve(parsed.data.result);
      else if (parsed.data.switchedVersion !== undefined) reject(new SwitchedSwapError(parsed.data.error, parsed.data.switchedVersion));
      else reject(new SwapRefusedError(parsed.data.error, parsed.data.superseded));
    });
  });
}
