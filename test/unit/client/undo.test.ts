import { describe, expect, it } from 'vitest';
import { UndoHistory } from '../../../client/src/undo.ts';

describe('UndoHistory', () => {
  it('undoes and redoes in order, and a new step forgets the redo branch', () => {
    const h = new UndoHistory('a');
    h.push('b');
    h.push('c');
    expect(h.undo()).toBe('b');
    expect(h.undo()).toBe('a');
    expect(h.canUndo).toBe(false);
    expect(h.undo()).toBe('a');
    expect(h.redo()).toBe('b');
    h.push('x');
    expect(h.canRedo).toBe(false);
    expect(h.redo()).toBe('x');
    expect(h.undo()).toBe('b');
  });

  it('keeps at most its capacity of past steps', () => {
    const h = new UndoHistory(0, 3);
    for (let i = 1; i <= 10; i++) h.push(i);
    let last = 10;
    while (h.canUndo) last = h.undo();
    expect(last).toBe(7);
  });
});
