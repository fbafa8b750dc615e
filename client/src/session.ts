/**
 * Who is signed in. Signing in posts a token once; the server answers with an httpOnly session cookie
 * that scripts cannot read, so the page only ever knows the name and role it was told.
 */
import type { Api } from './api.ts';

export type Role = 'viewer' | 'analyst' | 'official' | 'evaluator' | 'admin';

export type Session = { signedIn: false } | { signedIn: true; name: string; role: Role };

const GRANTS: Record<Role, readonly Role[]> = {
  viewer: ['viewer'],
  analyst: ['viewer', 'analyst'],
  official: ['viewer', 'analyst', 'official'],
  evaluator: ['viewer', 'evaluator'],
  admin: ['viewer', 'analyst', 'official', 'evaluator', 'admin'],
};

export class SessionStore {
  current: Session = { signedIn: false };
  private readonly listeners = new Set<(s: Session) => void>();

  constructor(private readonly api: Api) {}

  /** Whether the signed-in role may act as `role` (the server decides; this only shapes the page). */
  may(role: Role): boolean {
    return this.current.signedIn && GRANTS[this.current.role].includes(role);
  }

  subscribe(listener: (s: Session) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async refresh(): Promise<void> {
    this.set(await this.api.session());
  }

  async signIn(token: string): Promise<void> {
    this.set(await this.api.signIn(token));
  }

  async signOut(): Promise<void> {
    await this.api.signOut();
    this.set({ signedIn: false });
  }

  private set(session: Session): void {
    this.current = session.signedIn ? { signedIn: true, name: session.name, role: session.role } : { signedIn: false };
    for (const l of this.listeners) l(this.current);
  }
}
