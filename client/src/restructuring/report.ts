/**
 * A restructuring comparison as plain tables (figures before and after, scenario against scenario; the
 * firms that gain and lose; the anchors' multipliers), and those tables as CSV, XLSX (exceljs, loaded on
 * demand) and SVG. Numbers stay numbers in CSV and XLSX (KRW million, persons); labels carry the units.
 */
import { csvCell } from '../export.ts';
import type { I18n } from '../i18n/index.ts';
import { svgEl } from '../ui/charts.ts';
import type { Evaluation, RegionFigures } from './types.ts';

export type Cell = string | number | null;

export interface ReportTable {
  id: string;
  title: string;
  head: string[];
  rows: Cell[][];
}

export interface NamedEvaluation {
  name: string;
  /** The scenario in words. */
  label: string;
  result: Evaluation;
}

const FIGURES: { key: keyof RegionFigures | 'leakage'; label: string; share?: boolean }[] = [
  { key: 'output', label: 'rs.fig.output' },
  { key: 'valueAdded', label: 'rs.fig.valueAdded' },
  { key: 'jobs', label: 'rs.fig.jobs' },
  { key: 'householdIncome', label: 'rs.fig.householdIncome' },
  { key: 'leakage', label: 'rs.fig.leakage' },
  { key: 'homeSourcing', label: 'rs.fig.homeSourcing', share: true },
];

export function figureValue(f: RegionFigures, key: (typeof FIGURES)[number]['key']): number {
  return key === 'leakage' ? f.leakage.total : (f[key] as number);
}

/** Figures before, after (Type I and II) and the change, one column group per scenario. */
export function figuresTable(list: readonly NamedEvaluation[], i18n: I18n): ReportTable {
  const t = i18n.t;
  const head = [t('rs.figure'), t('rs.before')];
  for (const e of list) head.push(`${e.name}: ${t('rs.afterTypeI')}`, `${e.name}: ${t('rs.afterTypeII')}`, `${e.name}: ${t('rs.changeTypeII')}`);
  if (list.length === 2) head.push(t('rs.bMinusA'));
  const rows = FIGURES.map((f) => {
    const before = figureValue(list[0].result.before, f.key);
    const row: Cell[] = [t(f.label as never), before];
    for (const e of list) row.push(figureValue(e.result.after, f.key), figureValue(e.result.afterTypeII, f.key), figureValue(e.result.afterTypeII, f.key) - before);
    if (list.length === 2) row.push(figureValue(list[1].result.afterTypeII, f.key) - figureValue(list[0].result.afterTypeII, f.key));
    return row;
  });
  return { id: 'figures', title: t('rs.figuresTitle'), head, rows };
}

export function firmsTable(e: NamedEvaluation, which: 'gainers' | 'losers', i18n: I18n): ReportTable {
  const t = i18n.t;
  return {
    id: `${which}-${e.name}`,
    title: `${e.name}: ${t(which === 'gainers' ? 'rs.gainers' : 'rs.losers')}`,
    head: [t('rs.col.firm'), t('rs.col.tier'), t('rs.col.sector'), t('rs.col.district'), t('rs.col.outputChange'), t('rs.col.valueAddedChange'), t('rs.col.jobsChange')],
    rows: e.result[which].map((f) => [i18n.firmName(f), i18n.tier(f.tier), i18n.sector(f.sector), f.district ? i18n.district(f.district) : i18n.region(f.region), f.outputChangeTypeII, f.valueAddedChange, f.jobsChange]),
  };
}

export function anchorsTable(e: NamedEvaluation, i18n: I18n): ReportTable {
  const t = i18n.t;
  return {
    id: `anchors-${e.name}`,
    title: `${e.name}: ${t('rs.anchors')}`,
    head: [t('rs.col.firm'), t('rs.col.tier'), t('rs.col.multBefore'), t('rs.col.multAfter'), t('rs.col.multBeforeII'), t('rs.col.multAfterII')],
    rows: e.result.anchors.map((a) => [i18n.firmName(a), i18n.tier(a.tier), a.before.output, a.after?.output ?? null, a.before.outputTypeII, a.after?.outputTypeII ?? null]),
  };
}

export function changedFirmsTable(e: NamedEvaluation, i18n: I18n): ReportTable {
  const t = i18n.t;
  const v = (x: number | null | undefined) => (x === undefined ? null : x);
  return {
    id: `changed-${e.name}`,
    title: `${e.name}: ${t('rs.changedFirms')}`,
    head: [t('rs.col.firm'), t('rs.col.suppliers'), t('rs.col.hhiBefore'), t('rs.col.hhiAfter'), t('rs.col.homeBefore'), t('rs.col.homeAfter'), t('rs.col.dependents')],
    rows: e.result.changedFirms.map((f) => [
      i18n.firmName(f) + (f.closed ? ` (${t('rs.closed')})` : ''),
      f.after ? `${f.before.suppliers} → ${f.after.suppliers}` : String(f.before.suppliers),
      v(f.before.supplierHHI),
      v(f.after?.supplierHHI),
      v(f.before.homeSourcing),
      v(f.after?.homeSourcing),
      f.after ? `${f.before.dependentBuyers} → ${f.after.dependentBuyers}` : String(f.before.dependentBuyers),
    ]),
  };
}

/** Every table of a comparison, in reading order. */
export function reportTables(list: readonly NamedEvaluation[], i18n: I18n): ReportTable[] {
  return [figuresTable(list, i18n), ...list.flatMap((e) => [firmsTable(e, 'gainers', i18n), firmsTable(e, 'losers', i18n), anchorsTable(e, i18n), changedFirmsTable(e, i18n)])];
}

export function reportCsv(list: readonly NamedEvaluation[], tables: readonly ReportTable[], i18n: I18n): string {
  const lines: string[] = [csvCell(i18n.t('rs.unitsExport'))];
  for (const e of list) lines.push(`${csvCell(e.name)},${csvCell(e.label)}`);
  for (const table of tables) {
    lines.push('', csvCell(table.title), table.head.map(csvCell).join(','));
    for (const row of table.rows) lines.push(row.map((c) => csvCell(c)).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

export async function reportXlsx(list: readonly NamedEvaluation[], tables: readonly ReportTable[], i18n: I18n): Promise<Blob> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Anchorage';
  const about = book.addWorksheet(i18n.t('rs.sheet.about'));
  about.addRow([i18n.t('rs.unitsExport')]);
  for (const e of list) about.addRow([e.name, e.label]);
  const used = new Set<string>();
  for (const table of tables) {
    // Sheet names: at most 31 characters, unique, none of []:*?/\ .
    let name = table.title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
    for (let k = 2; used.has(name); k++) name = `${name.slice(0, 28)} ${k}`;
    used.add(name);
    const sheet = book.addWorksheet(name);
    sheet.addRow(table.head).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
    sheet.columns.forEach((c, i) => (c.width = i === 0 ? 36 : 18));
  }
  const buffer = await book.xlsx.writeBuffer();
  return new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}

/** The tables drawn as SVG text (numbers formatted), under a title and the scenarios in words. */
export function reportSvg(title: string, list: readonly NamedEvaluation[], tables: readonly ReportTable[], format: (table: ReportTable, row: number, col: number, v: Cell) => string, extra?: SVGSVGElement | null): SVGSVGElement {
  const width = 1100;
  let y = 24;
  const out = svgEl('svg', { xmlns: 'http://www.w3.org/2000/svg', width, style: 'font: 12px system-ui, "Noto Sans KR", sans-serif' });
  out.append(svgEl('rect', { width: '100%', height: '100%', fill: '#ffffff' }), svgEl('text', { x: 10, y, 'font-size': 16, 'font-weight': 700 }, title));
  for (const e of list) out.append(svgEl('text', { x: 10, y: (y += 18), fill: '#5c6370' }, `${e.name}: ${e.label}`));
  if (extra) {
    const copy = extra.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('x', '10');
    copy.setAttribute('y', String(y + 10));
    out.append(copy);
    y += 10 + (Number(extra.getAttribute('height')) || 0);
  }
  for (const table of tables) {
    if (table.rows.length === 0) continue;
    y += 30;
    out.append(svgEl('text', { x: 10, y, 'font-size': 13, 'font-weight': 700 }, table.title));
    const colWidth = Math.min(140, (width - 300) / Math.max(1, table.head.length - 1));
    [table.head, ...table.rows.slice(0, 15)].forEach((cells, r) => {
      y += 17;
      const style: Record<string, string | number> = r === 0 ? { fill: '#5c6370', 'font-size': 10 } : {};
      cells.forEach((c, i) => {
        const text = r === 0 ? String(c ?? '') : format(table, r - 1, i, c);
        out.append(svgEl('text', i === 0 ? { x: 10, y, ...style } : { x: 290 + (i - 1) * colWidth + colWidth - 6, y, 'text-anchor': 'end', ...style }, text.length > 40 ? `${text.slice(0, 39)}…` : text));
      });
    });
  }
  out.setAttribute('height', String(y + 20));
  return out;
}
