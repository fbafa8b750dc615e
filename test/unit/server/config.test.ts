import { describe, expect, it } from 'vitest';
import { bytesOf, ConfigError, loadConfig } from '../../../server/config.ts';

describe('configuration', () => {
  it('has working defaults and treats empty variables as unset', () => {
    const c = loadConfig({ NEO4J_URI: '' });
    expect(c).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', SEED_ON_EMPTY: true });
    expect(c.NEO4J_URI).toBeUndefined();
  });
  it('accepts cluster and Aura URIs unchanged', () => {
    expect(loadConfig({ NEO4J_URI: 'neo4j+s://abcd.databases.neo4j.io' }).NEO4J_URI).toBe('neo4j+s://abcd.databases.neo4j.io');
    expect(loadConfig({ NEO4J_URI: 'neo4j://core1:7687' }).NEO4J_URI).toBe('neo4j://core1:7687');
  });
  it('stops on a bad value naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NEO4J_URI: 'http://x' })).toThrow(/NEO4J_URI/);
    expect(() => loadConfig({ NEO4J_HEAP: 'lots' })).toThrow(/NEO4J_HEAP/);
  });
  it('reads the upload limit as a size: 2 GiB by default', () => {
    expect(bytesOf(loadConfig({}).IMPORT_UPLOAD_MAX)).toBe(2 * 1024 * 1024 * 1024);
    expect(bytesOf(loadConfig({ IMPORT_UPLOAD_MAX: '512m' }).IMPORT_UPLOAD_MAX)).toBe(536_870_912);
    expect(bytesOf('1500')).toBe(1500);
    expect(bytesOf('4K')).toBe(4096);
    expect(() => loadConfig({ IMPORT_UPLOAD_MAX: 'huge' })).toThrow(/IMPORT_UPLOAD_MAX/);
  });
});
