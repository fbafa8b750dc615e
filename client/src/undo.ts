/** Undo/redo over immutable values: `push` records a new present and forgets what was undone. */
export class UndoHistory<T> {
  private past: T[] = [];
  private future: T[] = [];

  constructor(
    private present: T,
    private readonly capacity = 100,
  ) {}

  get current(): T {
    return this.present;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  push(next: T): T {
    this.past.push(this.present);
    if (this.past.length > this.capacity) this.past.shift();
    this.present = next;
    this.future = [];
    return next;
  }

  /** Replaces the present without a history entry (e.g. the state arrived from a link). */
  reset(value: T): void {
    this.present = value;
  }

  undo(): T {
    const prev = this.past.pop();
    if (prev === undefined) return this.present;
    this.future.push(this.present);
    this.present = prev;
    return prev;
  }

  redo(): T {
    const next = this.future.pop();
    if (next === undefined) return this.present;
    this.past.push(this.present);
    this.present = next;
    return next;
  }
}
