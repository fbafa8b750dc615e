/** Export of what is on screen: SVG as a file, PNG rasterised at device resolution, CSV as text. */

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function serializeSvg(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

export function svgBlob(svg: SVGSVGElement): Blob {
  return new Blob([serializeSvg(svg)], { type: 'image/svg+xml;charset=utf-8' });
}

export function loadImage(blob: Blob): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const url = URL.createObjectURL(blob);
    const img = new Image();
    img.onload = () => {
      URL.revokeObjectURL(url);
      resolve(img);
    };
    img.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('the drawing could not be turned into an image'));
    };
    img.src = url;
  });
}

export function canvasBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the browser refused to encode the PNG'))), 'image/png'));
}

/** Rasterises an SVG at its own size × scale on white. */
export async function svgToPng(svg: SVGSVGElement, scale = globalThis.devicePixelRatio || 1): Promise<Blob> {
  const width = Number(svg.getAttribute('width')) || svg.getBoundingClientRect().width || 800;
  const height = Number(svg.getAttribute('height')) || svg.getBoundingClientRect().height || 600;
  const img = await loadImage(svgBlob(svg));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
  return canvasBlob(canvas);
}

/** A file name with the view and today's date, e.g. anchorage-network-2026-03-01.png. */
export function exportName(view: string, ext: string, now = new Date()): string {
  return `anchorage-${view}-${now.toISOString().slice(0, 10)}.${ext}`;
}

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, tab or carriage
 * return, e.g. a firm named =HYPERLINK(…)) gets a leading apostrophe, as OWASP advises; numbers stay numbers.
 */
export function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const text = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : String(v);
  const s = typeof v === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: (string | number | boolean | null | undefined)[][]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
