/**
 * Tables people open in Excel: the rows a view lists, as CSV or XLSX, with a metadata block (what the
 * table shows, the data version, the date), headers that carry their units, and numbers rounded to what
 * the column means. Text cells are neutralised against formula injection (OWASP "CSV Injection"): a cell
 * that starts with = + - @, a tab or a carriage return gets a leading apostrophe, so a spreadsheet shows it
 * as text instead of running it. Numbers are written as numbers (we produce them), so −3 stays −3.
 */

export type CellValue = string | number | null | undefined;

export interface ExportColumn {
  /** Header in the UI's language, with its unit: "Revenue (KRW million)". */
  label: string;
  numeric?: boolean;
  /** Decimals kept for numbers (default 0). */
  digits?: number;
}

export interface ExportTable {
  /** Sheet name and the first metadata line. */
  title: string;
  /** Label/value pairs written above the table: scenario, filters, data version, date. */
  meta: [string, string][];
  columns: ExportColumn[];
  rows: CellValue[][];
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe for spreadsheets. */
export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** Rounds to the column's decimals; non-finite numbers become empty cells. */
export function roundCell(v: CellValue, digits = 0): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return null;
    const f = 10 ** digits;
    const r = Math.round(v * f) / f;
    return Object.is(r, -0) ? 0 : r;
  }
  return neutralise(v);
}

function csvField(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The cells of the table, rounded and neutralised, as written to either format. */
export function tableCells(t: ExportTable): (string | number | null)[][] {
  return t.rows.map((row) => t.columns.map((c, k) => roundCell(row[k], c.digits)));
}

/**
 * CSV with a byte-order mark (Excel then reads UTF-8, so Hangul survives), the metadata block, a blank
 * line, the header and the rows; CRLF line ends as RFC 4180 has them.
 */
export function toCsv(t: ExportTable): string {
  const lines: string[] = [];
  lines.push(csvField(neutralise(t.title)));
  for (const [k, v] of t.meta) lines.push([csvField(neutralise(k)), csvField(neutralise(v))].join(','));
  lines.push('');
  lines.push(t.columns.map((c) => csvField(neutralise(c.label))).join(','));
  for (const row of tableCells(t)) lines.push(row.map(csvField).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function csvBlob(t: ExportTable): Blob {
  return new Blob([toCsv(t)], { type: 'text/csv;charset=utf-8' });
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\ */
export function sheetName(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim() || 'Sheet1';
}

/** The workbook as bytes (exceljs is loaded only when someone exports). */
export async function toXlsx(t: ExportTable): Promise<ArrayBuffer> {
  const mod = await import('exceljs');
  const ExcelJS = (mod as unknown as { default?: typeof mod }).default ?? mod;
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0);
  const ws = wb.addWorksheet(sheetName(t.title));
  ws.addRow([neutralise(t.title)]).font = { bold: true };
  for (const [k, v] of t.meta) ws.addRow([neutralise(k), neutralise(v)]);
  ws.addRow([]);
  const header = ws.addRow(t.columns.map((c) => neutralise(c.label)));
  header.font = { bold: true };
  const headerRow = header.number;
  for (const row of tableCells(t)) ws.addRow(row.map((v) => (v === null ? undefined : v)));
  t.columns.forEach((c, k) => {
    const col = ws.getColumn(k + 1);
    col.width = Math.min(40, Math.max(10, c.label.length + 2));
    if (c.numeric) col.numFmt = c.digits ? `#,##0.${'0'.repeat(c.digits)}` : '#,##0';
  });
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  return (await wb.xlsx.writeBuffer()) as ArrayBuffer;
}

export async function xlsxBlob(t: ExportTable): Promise<Blob> {
  return new Blob([await toXlsx(t)], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
}
