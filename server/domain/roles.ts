/**
 * Roles and what each may do. `viewer` < `analyst` < `official` form a ladder (each may do what the ones
 * below may); `evaluator` may read and score its own assignments; `admin` may do everything.
 */
import { z } from 'zod';

export const ROLES = ['viewer', 'analyst', 'official', 'evaluator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
export const RoleSchema = z.enum(ROLES);

const GRANTS: Record<Role, readonly Role[]> = {
  viewer: ['viewer'],
  analyst: ['viewer', 'analyst'],
  official: ['viewer', 'analyst', 'official'],
  evaluator: ['viewer', 'evaluator'],
  admin: ROLES,
};

/** Whether someone holding `held` may act as `needed`. */
export function roleGrants(held: Role, needed: Role): boolean {
  return GRANTS[held].includes(needed);
}

/** Who made a request: a named token, a session opened with one, or the configured admin token. */
export interface Actor {
  /** The token's id (`admin` for the configured admin token). */
  id: string;
  name: string;
  role: Role;
}

/** The configured admin token acts under this identity. */
export const CONFIGURED_ADMIN: Actor = { id: 'admin', name: 'admin', role: 'admin' };
