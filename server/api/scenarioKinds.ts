/**
 * The kinds of scenario that can be saved, each with the zod schema of its request (the same one its own
 * endpoint validates with) and how to run it on the current data. A new kind (restructuring) is one entry.
 */
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import { DomainError } from '../services/errors.ts';
import { DisruptionBody, RippleBody } from './ripple.ts';
import { EvaluateBody } from './restructuring.ts';
import { nonBlankText } from './validate.ts';

export interface ScenarioKind<S extends z.ZodType = z.ZodType> {
  request: S;
  summary: string;
  /** Runs the request on the current data; the result names the data version it describes. */
  run(services: Services, request: z.infer<S>): Promise<{ dataVersion: number }>;
}

const kind = <S extends z.ZodType>(k: ScenarioKind<S>) => k;

export const SCENARIO_KINDS = {
  ripple: kind({ request: RippleBody, summary: 'POST /api/ripple request', run: (s, r) => s.ripple.ripple(r) }),
  disruption: kind({ request: DisruptionBody, summary: 'POST /api/disruption request', run: (s, r) => s.ripple.disruption(r) }),
  restructuring: kind({ request: EvaluateBody, summary: 'POST /api/restructuring/evaluate request', run: (s, r) => s.restructuring.evaluate(r) }),
} satisfies Record<string, ScenarioKind>;

export type ScenarioKindName = keyof typeof SCENARIO_KINDS;
export const SCENARIO_KIND_NAMES = Object.keys(SCENARIO_KINDS) as [ScenarioKindName, ...ScenarioKindName[]];

const Name = nonBlankText(200);
const Notes = z.string().trim().max(4_000).default('');

const variants = SCENARIO_KIND_NAMES.map((k) => z.object({ kind: z.literal(k), name: Name, notes: Notes, request: SCENARIO_KINDS[k].request as z.ZodType }));

/** The body of POST /api/scenarios: one variant per kind, its request validated by that kind's schema. */
export const SaveScenarioBody = z.discriminatedUnion('kind', variants as [(typeof variants)[number], ...(typeof variants)[number][]]);

/** PUT /api/scenarios/:scenarioId: the name and notes are what may change; the request stays as saved. */
export const UpdateScenarioBody = z.object({ name: Name, notes: Notes });

/** Runs a saved request of a known kind; a request that no longer validates (its schema changed) is refused. */
export async function runScenario(services: Services, kindName: string, request: unknown): Promise<{ dataVersion: number }> {
  const k = SCENARIO_KINDS[kindName as ScenarioKindName] as ScenarioKind | undefined;
  if (!k) throw new DomainError(422, 'Unknown scenario kind', `This server cannot run scenarios of kind "${kindName}".`, [{ path: 'kind', message: `unknown kind "${kindName}"` }]);
  const parsed = k.request.safeParse(request);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: ['request', ...i.path].join('.'), message: i.message }));
    throw new DomainError(422, 'Saved request no longer valid', `The saved ${kindName} request no longer passes validation: ${errors[0].path}: ${errors[0].message}`, errors);
  }
  return k.run(services, parsed.data);
}
