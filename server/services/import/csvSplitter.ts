/**
 * RFC 4180 records from text arriving in pieces: `,` between cells, `"` around a cell that holds `,`, `"`
 * or a line break, `""` for a quote inside one, LF or CRLF between records. Measured against csv-parse
 * on the same files (bench:import, docs/BENCHMARKS.md "Imports"): csv-parse looks at every character
 * through its option checks, while most lines of an import hold no quote at all, and such a line is one
 * `indexOf` and one `split`. Lines with a quote go through a character loop.
 */

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, reason: string) {
    super(reason);
  }
}

export interface CsvRecord {
  cells: string[];
  /** The line the record starts on (1-based). */
  line: number;
}

export class CsvSplitter {
  private rest = '';
  private line = 1;
  private started = false;

  /** The records completed by this piece of text; `final` marks the last piece. */
  push(text: string, final: boolean, out: CsvRecord[]): void {
    let s = this.rest + text;
    if (!this.started && s.length > 0) {
      this.started = true;
      if (s.charCodeAt(0) === 0xfeff) s = s.slice(1);
    }
    let i = 0;
    const n = s.length;
    // The next quote at or after i (n when none): searched again only once i has passed it.
    let quote = -1;
    while (i < n) {
      const eol = s.indexOf('\n', i);
      if (eol === -1 && !final) break;
      const end = eol === -1 ? n : eol;
      if (quote < i) {
        quote = s.indexOf('"', i);
        if (quote === -1) quote = n;
      }
      if (quote > end) {
        const body = end > i && s.charCodeAt(end - 1) === 13 ? s.slice(i, end - 1) : s.slice(i, end);
        out.push({ cells: body.split(','), line: this.line++ });
        i = end + 1;
        continue;
      }
      const next = this.quoted(s, i, final, out);
      if (next === -1) break;
      i = next;
    }
    this.rest = i < n ? s.slice(i) : '';
  }

  /** One record with a quote in it, from `i`; returns where the next begins, or −1 if it is not complete yet. */
  private quoted(s: string, i: number, final: boolean, out: CsvRecord[]): number {
    const cells: string[] = [];
    const n = s.length;
    let lines = 0;
    for (;;) {
      if (s.charCodeAt(i) === 34) {
        let value = '';
        let from = i + 1;
        for (;;) {
          const q = s.indexOf('"', from);
          if (q === -1) {
            if (final) throw new CsvSyntaxError(this.line, 'unterminated quoted field');
            return -1;
          }
          value += s.slice(from, q);
          if (q + 1 >= n && !final) return -1;
          if (s.charCodeAt(q + 1) === 34) {
            value += '"';
            from = q + 2;
            continue;
          }
          i = q + 1;
          break;
        }
        for (let k = value.indexOf('\n'); k !== -1; k = value.indexOf('\n', k + 1)) lines++;
        cells.push(value);
      } else {
        let k = i;
        while (k < n) {
          const c = s.charCodeAt(k);
          if (c === 44 || c === 10 || (c === 13 && s.charCodeAt(k + 1) === 10)) break;
          if (c === 34) throw new CsvSyntaxError(this.line + lines, `a quote inside the unquoted cell ${cells.length + 1}`);
          k++;
        }
        cells.push(s.slice(i, k));
        i = k;
      }
      if (i >= n) {
        if (!final) return -1;
        break;
      }
      const c = s.charCodeAt(i);
      if (c === 44) {
        i++;
        continue;
      }
      if (c === 10) {
        i++;
        break;
      }
      if (c === 13) {
        if (i + 1 >= n && !final) return -1;
        if (i + 1 >= n || s.charCodeAt(i + 1) === 10) {
          i += 2;
          break;
        }
      }
      throw new CsvSyntaxError(this.line + lines, `a character after the closing quote of cell ${cells.length}`);
    }
    out.push({ cells, line: this.line });
    this.line += 1 + lines;
    return i;
  }
}
