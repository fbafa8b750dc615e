/**
 * The live store's layout (server/db/liveStore.ts): the switch is one rename of a symlink, a crash while the
 * real directory of the old layout moves into stores/ is finished from the journal, and leftovers go unless
 * their owner still runs or they are live.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { liveHome, liveLink, newOwnedDir, recoverLiveStore, removeLeftovers, switchLiveHome } from '../../../server/db/liveStore.ts';

const dirs: string[] = [];
function dataDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-livestore-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A pid that certainly ended: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

it('moves the real live directory of the old layout into stores/ and switches the link to a staged store', () => {
  const data = dataDir();
  fs.mkdirSync(path.join(data, 'neo4j'));
  fs.writeFileSync(path.join(data, 'neo4j', 'marker'), 'old');
  const staged = newOwnedDir(data, 'store');
  fs.writeFileSync(path.join(staged, 'marker'), 'new');

  const previous = switchLiveHome(data, staged);
  expect(fs.lstatSync(liveLink(data)).isSymbolicLink()).toBe(true);
  expect(fs.readFileSync(path.join(liveLink(data), 'marker'), 'utf8')).toBe('new');
  expect(fs.readFileSync(path.join(previous, 'marker'), 'utf8')).toBe('old');
  expect(path.dirname(previous)).toBe(path.join(data, 'stores'));
  expect(fs.existsSync(path.join(staged, 'owner'))).toBe(false);
  expect(fs.existsSync(path.join(data, 'store-journal'))).toBe(false);
});

it('finishes a move that a crash interrupted between the rename and the new link', () => {
  const data = dataDir();
  const moved = path.join(data, 'stores', 'legacy-x');
  fs.mkdirSync(moved, { recursive: true });
  fs.writeFileSync(path.join(moved, 'marker'), 'old');
  fs.writeFileSync(path.join(data, 'store-journal'), moved);

  recoverLiveStore(data);
  expect(fs.readFileSync(path.join(liveLink(data), 'marker'), 'utf8')).toBe('old');
  expect(fs.existsSync(path.join(data, 'store-journal'))).toBe(false);
});

it('keeps the live store and stores whose owner runs, and removes the rest', async () => {
  const data = dataDir();
  const live = newOwnedDir(data, 'store');
  switchLiveHome(data, live);
  const ours = newOwnedDir(data, 'store');
  const orphan = newOwnedDir(data, 'store');
  fs.writeFileSync(path.join(orphan, 'owner'), String(deadPid()));
  const oldStore = newOwnedDir(data, 'store');
  fs.rmSync(path.join(oldStore, 'owner'));
  const orphanInput = newOwnedDir(data, 'import');
  fs.writeFileSync(path.join(orphanInput, 'owner'), String(deadPid()));

  // Also the empty directory the first switch moved out of the way (no owner, not live).
  const removed = await removeLeftovers(data);
  expect(removed).toEqual(expect.arrayContaining([orphan, oldStore, orphanInput]));
  expect(removed).toHaveLength(4);
  expect(liveHome(data)).toBe(live);
  expect(fs.existsSync(ours)).toBe(true);
});
