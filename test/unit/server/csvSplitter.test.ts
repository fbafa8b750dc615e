import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { CsvSplitter, CsvSyntaxError, type CsvRecord } from '../../../server/services/import/csvSplitter.ts';

function split(text: string, pieces: number[]): CsvRecord[] {
  const splitter = new CsvSplitter();
  const out: CsvRecord[] = [];
  let from = 0;
  for (const at of pieces) {
    splitter.push(text.slice(from, at), false, out);
    from = at;
  }
  splitter.push(text.slice(from), true, out);
  return out;
}

/** A small deterministic generator (LCG), so that a failure is reproducible. */
function lcg(seed: number) {
  let s = seed;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('CsvSplitter', () => {
  it('splits records as csv-parse does (the reference), whatever the piece boundaries', () => {
    const random = lcg(11);
    const cellOf = () => {
      const kinds = ['plain', 'comma', 'quote', 'newline', 'empty', 'crlf'];
      const kind = kinds[Math.floor(random() * kinds.length)];
      if (kind === 'plain') return 'abc'.slice(0, 1 + Math.floor(random() * 3));
      if (kind === 'comma') return '"a,b"';
      if (kind === 'quote') return '"say ""hi"""';
      if (kind === 'newline') return '"two\nlines"';
      if (kind === 'crlf') return '"x\r\ny"';
      return '';
    };
    for (let trial = 0; trial < 200; trial++) {
      const lines = Array.from({ length: 1 + Math.floor(random() * 6) }, () => Array.from({ length: 3 }, cellOf).join(','));
      const eol = random() < 0.5 ? '\n' : '\r\n';
      const text = (random() < 0.2 ? '\ufeff' : '') + lines.join(eol) + (random() < 0.5 ? eol : '');
      const expected = parse(text, { bom: true, relax_column_count: true }) as string[][];
      for (const cut of [[], [1], [text.length >> 1], Array.from({ length: text.length }, (_, i) => i)]) {
        expect(split(text, cut).map((r) => r.cells), JSON.stringify(text)).toEqual(expected);
      }
    }
  });

  it('numbers each record by the line it starts on, counting line breaks inside quoted cells', () => {
    const records = split('h\n"a\nb"\n\nc\r\nd', [3, 5]);
    expect(records.map((r) => [r.line, r.cells])).toEqual([[1, ['h']], [2, ['a\nb']], [4, ['']], [5, ['c']], [6, ['d']]]);
  });

  it('refuses an unterminated quote, a quote inside an unquoted cell and text after a closing quote, by line', () => {
    expect(() => split('a\n"b,c\n', [])).toThrow(CsvSyntaxError);
    expect(() => split('a\n"b,c\n', [])).toThrow(/unterminated/);
    expect(() => split('a\nb"c,d\n', [])).toThrow(expect.objectContaining({ line: 2 }));
    expect(() => split('a\n"b"c,d\n', [])).toThrow(/after the closing quote/);
  });
});
