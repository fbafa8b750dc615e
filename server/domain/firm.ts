/**
 * The firm network's data model (DESIGN §3). Money in KRW million, years are calendar years.
 * These schemas validate imports and API payloads; the client imports their types only.
 */
import { z } from 'zod';
import { isValidBrn, normaliseBrn } from './brn.ts';

export const TIERS = ['top-anchor', 'anchor', 'pre-anchor', 'sme', 'large', 'external'] as const;
export type Tier = (typeof TIERS)[number];
export const ANCHOR_TIERS: readonly Tier[] = ['top-anchor', 'anchor', 'pre-anchor'];

export const FIRM_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;
export const FirmId = z.string().regex(FIRM_ID_PATTERN, 'must be 1–64 characters of A–Z, a–z, 0–9, ".", "_" or "-"');

const nonNegative = z.number().nonnegative();
const year = z.number().int().min(1900).max(2100);
const share = z.number().min(0).max(1);

export const HistoryPoint = z.object({
  year,
  revenue: nonNegative,
  employees: z.number().int().nonnegative(),
  exportShare: share.optional(),
});
export type HistoryPoint = z.infer<typeof HistoryPoint>;

export const Firm = z.object({
  id: FirmId,
  name: z.string().trim().min(1).max(200),
  nameKo: z.string().trim().min(1).max(200).optional(),
  brn: z
    .string()
    .refine(isValidBrn, 'is not a valid business registration number (10 digits with a matching check digit)')
    .transform(normaliseBrn)
    .optional(),
  tier: z.enum(TIERS),
  sector: z.string().regex(/^\d{2,5}$/, 'must be a KSIC code of 2–5 digits'),
  region: z.string().trim().min(1).max(64),
  district: z.string().trim().min(1).max(64).optional(),
  revenue: z.number().positive(),
  employees: z.number().int().nonnegative(),
  valueAddedRatio: share.optional(),
  /** Compensation of employees / output, ≤ valueAddedRatio (checked with the accounting rules). */
  wageShare: share.optional(),
  founded: year.optional(),
  exportShare: share.optional(),
  rdIntensity: share.optional(),
  patents: z.number().int().nonnegative().optional(),
  certifications: z.number().int().nonnegative().optional(),
  axLevel: z.number().int().min(0).max(5).optional(),
  cohort: year.optional(),
  history: z.array(HistoryPoint).max(100).optional(),
});
export type Firm = z.infer<typeof Firm>;

export const Supply = z.object({
  supplier: FirmId,
  buyer: FirmId,
  value: z.number().positive(),
  year: year.optional(),
  product: z.string().trim().min(1).max(200).optional(),
});
export type Supply = z.infer<typeof Supply>;

export const Dataset = z.object({
  firms: z.array(z.unknown()),
  supplies: z.array(z.unknown()),
});
export type Dataset = { firms: Firm[]; supplies: Supply[] };
