/** A table on the page drawn into an exported SVG as text rows (header greyed, numbers right-aligned). */
import { svgEl } from '../ui/charts.ts';

export function appendTableSvg(out: SVGSVGElement, table: HTMLTableElement, x: number, y: number, o: { firstWidth: number; columnWidth: number; maxRows?: number }): number {
  const head = [...table.querySelectorAll('thead th')].map((th) => th.textContent ?? '');
  const rows = [...table.querySelectorAll('tbody tr')].slice(0, o.maxRows ?? 30).map((tr) => [...tr.querySelectorAll('td, th')].map((c) => c.textContent ?? ''));
  [head, ...rows].forEach((cells, r) => {
    y += 17;
    const style: Record<string, string | number> = r === 0 ? { fill: '#5c6370', 'font-size': 11 } : {};
    out.append(svgEl('text', { x, y, ...style }, cells[0] ?? ''));
    cells.slice(1).forEach((text, i) => out.append(svgEl('text', { x: x + o.firstWidth + (i + 1) * o.columnWidth - 10, y, 'text-anchor': 'end', ...style }, text)));
  });
  return y;
}
