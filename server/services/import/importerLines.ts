/**
 * The importer's input lines (docs/SCALING.md, "Offline importer"): firms with exactly the properties
 * firmToNode gives, supplies with the properties import/stage-supplies stores. Strings are always quoted
 * ("" inside); every number is written as a double, as the Bolt driver sends a JavaScript number.
 */
import type { Firm } from '../../domain/firm.ts';
import { firmToNode } from './firmRecord.ts';

const STRING = new Set(['id', 'name', 'tier', 'sector', 'region', 'nameLower', 'searchText', 'historyJson', 'nameKo', 'brn', 'district']);
/** The firm node's properties in column order (firmToNode's keys). */
const FIRM_KEYS = Object.keys(firmToNode({ id: 'x', name: 'x', tier: 'sme', sector: '10', region: 'x', revenue: 1, employees: 0 }));
const FIRM_STRING = FIRM_KEYS.map((k) => STRING.has(k));
/** The number, the properties, then the generation. */
export const FIRMS_HEADER = [':ID', ...FIRM_KEYS.map((k) => (STRING.has(k) ? k : `${k}:double`)), 'gen:double'].join(',');
export const SUPPLIES_HEADER = ':START_ID,:END_ID,yearKey:double,value:double,year:double,product';

/** A string cell, quoted; absent as an empty cell. */
function textCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return s.includes('"') ? `"${s.replaceAll('"', '""')}"` : `"${s}"`;
}

export function numberCell(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/** A line break inside a quoted cell needs the importer's slower multiline parser. */
export function hasLineBreak(s: string | undefined): boolean {
  return s !== undefined && (s.includes('\n') || s.includes('\r'));
}

/** A firm's property cells, joined, between its number and its generation. */
export function firmCells(firm: Firm): string {
  const node = firmToNode(firm);
  const cells: string[] = [];
  for (let k = 0; k < FIRM_KEYS.length; k++) cells.push(FIRM_STRING[k] ? textCell(node[FIRM_KEYS[k]]) : numberCell(node[FIRM_KEYS[k]]));
  return cells.join(',');
}

export const supplyLine = (supplier: number, buyer: number, value: number, year: number | undefined, product: string | undefined) =>
  `${supplier},${buyer},${year ?? 0},${value},${numberCell(year)},${textCell(product)}\n`;
