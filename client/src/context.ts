/** What every view gets from the shell: the API, the language, the state and a way to change it. */
import type { Api } from './api.ts';
import type { SessionStore } from './session.ts';
import type { I18n } from './i18n/index.ts';
import type { AppState, StatePatch } from './state.ts';
import type { Meta } from './types.ts';

export type NavigateMode = 'push' | 'replace';

export interface Exporters {
  png?: () => Promise<Blob>;
  svg?: () => Promise<Blob>;
  csv?: () => Blob;
}

export interface ViewContext {
  api: Api;
  i18n: I18n;
  meta: Meta | null;
  state(): AppState;
  navigate(patch: StatePatch, mode?: NavigateMode): void;
  progress: Progress;
  /** Says something to screen-reader users (and shows it briefly). */
  announce(message: string): void;
  /** Tells the shell that the view's exports changed (enabled/disabled). */
  exportsChanged(): void;
  /** Who is signed in (views that change data show their controls by role). */
  session: SessionStore;
}

export interface ViewInstance {
  readonly element: HTMLElement;
  update(next: AppState, prev: AppState): void;
  exporters(): Exporters;
  destroy(): void;
}

export type ViewFactory = (ctx: ViewContext, state: AppState) => ViewInstance;

/** Long work in progress: tracked tasks, shown as one bar (determinate when a task reports a fraction). */
export class Progress {
  private tasks = new Map<number, { label: string; fraction: number | null }>();
  private next = 1;

  constructor(private readonly render: (label: string | null, fraction: number | null) => void) {}

  start(label: string): { set(fraction: number, label?: string): void; done(): void } {
    const id = this.next++;
    this.tasks.set(id, { label, fraction: null });
    this.show();
    return {
      set: (fraction, l) => {
        const t = this.tasks.get(id);
        if (!t) return;
        t.fraction = fraction;
        if (l) t.label = l;
        this.show();
      },
      done: () => {
        this.tasks.delete(id);
        this.show();
      },
    };
  }

  async track<T>(label: string, work: Promise<T>): Promise<T> {
    const task = this.start(label);
    try {
      return await work;
    } finally {
      task.done();
    }
  }

  private show(): void {
    const last = [...this.tasks.values()].at(-1);
    this.render(last?.label ?? null, last?.fraction ?? null);
  }
}
