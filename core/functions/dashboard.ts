import { dashboard as overview } from '../dashboard/overview';
import { ranking, studioScore } from '../ranking/queries';
import { shanghaiYear } from '../time';
import { docId, year, z } from '../shared/validation';
import { action, type FunctionDef } from './define';

/** `dashboard`: the county's and a township's figures (数据看板) and the studio ranking (示范工作室评比). */
export const dashboard: FunctionDef = {
  overview: action(z.object({ year: year.optional(), townshipId: docId.optional() }).strict(), (deps, caller, q) =>
    overview(deps, caller, { year: q.year ?? shanghaiYear(deps.clock.now()), townshipId: q.townshipId }),
  ),
  ranking: action(z.object({ year: year.optional(), townshipId: docId.optional() }).strict(), (deps, caller, q) =>
    ranking(deps, caller, { year: q.year ?? shanghaiYear(deps.clock.now()), townshipId: q.townshipId }),
  ),
  studio: action(z.object({ studioId: docId, year: year.optional() }).strict(), (deps, caller, q) =>
    studioScore(deps, caller, { studioId: q.studioId, year: q.year ?? shanghaiYear(deps.clock.now()) }),
  ),
};
