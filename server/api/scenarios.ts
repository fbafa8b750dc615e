/**
 * Saved scenarios: analysts save a ripple or disruption request (any kind of api/scenarioKinds.ts) with a
 * name and notes; anyone lists, reopens (recomputed on the current data, flagged when the data changed
 * since it was saved) and compares them. Saves, edits and deletions are audited.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Services } from '../services/index.ts';
import type { SavedScenario } from '../services/scenarioService.ts';
import { requireActor, requireRole } from './auth.ts';
import type { ApiDescription } from './openapi.ts';
import { commaList, parseBody, parseParams, parseQuery } from './validate.ts';
import { runScenario, SaveScenarioBody, SCENARIO_KIND_NAMES, UpdateScenarioBody } from './scenarioKinds.ts';
import { CompareResponse, ReopenedScenarioResponse, SavedScenarioResponse, ScenarioListResponse } from './workflowResponses.ts';

export const ScenarioId = z.string().regex(/^sc-[0-9a-f]{12}$/, 'must be a saved scenario id such as "sc-0123456789ab"');
const IdParams = z.object({ scenarioId: ScenarioId });
export const ScenariosQuery = z.object({
  kind: z.enum(SCENARIO_KIND_NAMES).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const CompareQuery = z.object({ ids: commaList.pipe(z.array(ScenarioId).min(2, 'compare at least two scenarios').max(4, 'compare at most four scenarios')) });

/** The link that reopens a saved scenario in the explorer. */
const shareLink = (s: SavedScenario) => `/#/scenarios?open=${s.id}`;
const withLink = (s: SavedScenario) => ({ ...s, link: shareLink(s) });

export function scenariosRouter(services: Services, api: ApiDescription): Router {
  const router = Router();
  const { scenarios } = services;

  async function reopen(s: SavedScenario) {
    const result = await runScenario(services, s.kind, s.request);
    return { scenario: withLink(s), dataVersion: result.dataVersion, savedDataVersion: s.dataVersion, dataChanged: result.dataVersion !== s.dataVersion, result };
  }

  api.add({ method: 'post', path: '/api/scenarios', summary: 'Save a scenario (kind + request) with a name and notes', tag: 'scenarios', body: SaveScenarioBody, roles: ['analyst'], status: 201, response: SavedScenarioResponse, problems: [422] });
  router.post('/api/scenarios', requireRole('analyst'), async (req, res) => {
    const actor = await requireActor(req, 'analyst');
    const saved = await scenarios.save(actor, parseBody(SaveScenarioBody, req) as { kind: string; name: string; notes: string; request: unknown });
    res.status(201).location(`/api/scenarios/${saved.id}`).json(withLink(saved));
  });

  api.add({ method: 'get', path: '/api/scenarios', summary: 'Saved scenarios, most recently changed first', tag: 'scenarios', query: ScenariosQuery, response: ScenarioListResponse });
  router.get('/api/scenarios', async (req, res) => {
    res.json({ items: (await scenarios.list(parseQuery(ScenariosQuery, req))).map(withLink) });
  });

  api.add({ method: 'get', path: '/api/scenario-comparison', summary: 'Two to four saved scenarios recomputed on the current data, side by side', tag: 'scenarios', query: CompareQuery, response: CompareResponse, problems: [404, 409, 422] });
  router.get('/api/scenario-comparison', async (req, res) => {
    const saved = await scenarios.getMany(parseQuery(CompareQuery, req).ids);
    const items = [];
    for (const s of saved) items.push(await reopen(s));
    res.json({ items });
  });

  api.add({ method: 'get', path: '/api/scenarios/:scenarioId', summary: 'One saved scenario as saved', tag: 'scenarios', params: IdParams, response: SavedScenarioResponse });
  router.get('/api/scenarios/:scenarioId', async (req, res) => {
    res.json(withLink(await scenarios.get(idOf(req))));
  });

  api.add({ method: 'get', path: '/api/scenarios/:scenarioId/result', summary: 'Reopen a saved scenario: recomputed on the current data, flagged when the data changed since it was saved', tag: 'scenarios', params: IdParams, response: ReopenedScenarioResponse, problems: [409, 422] });
  router.get('/api/scenarios/:scenarioId/result', async (req, res) => {
    res.json(await reopen(await scenarios.get(idOf(req))));
  });

  api.add({ method: 'put', path: '/api/scenarios/:scenarioId', summary: "Rename a saved scenario or rewrite its notes (its request stays as saved)", tag: 'scenarios', params: IdParams, body: UpdateScenarioBody, roles: ['analyst'], response: SavedScenarioResponse, problems: [422] });
  router.put('/api/scenarios/:scenarioId', requireRole('analyst'), async (req, res) => {
    const actor = await requireActor(req, 'analyst');
    res.json(withLink(await scenarios.update(actor, idOf(req), parseBody(UpdateScenarioBody, req))));
  });

  api.add({ method: 'delete', path: '/api/scenarios/:scenarioId', summary: 'Delete a saved scenario', tag: 'scenarios', params: IdParams, roles: ['analyst'], status: 204, response: null });
  router.delete('/api/scenarios/:scenarioId', requireRole('analyst'), async (req, res) => {
    const actor = await requireActor(req, 'analyst');
    await scenarios.remove(actor, idOf(req));
    res.status(204).end();
  });
  return router;
}

const idOf = (req: Request) => parseParams(IdParams, req).scenarioId;
