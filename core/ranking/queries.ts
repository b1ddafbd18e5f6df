/**
 * The ranking (示范工作室评比) as the callers read it: the year's rows of their scope, and one
 * studio's score taken apart down to what it was computed from — each part names the call that
 * lists its entries (`drill`).
 */
import type { Deps } from '../deps';
import { AppError, forbidden, notFound } from '../errors';
import { isStudioStaff, type Caller } from '../members/types';
import { scopeFor } from '../dashboard/scope';
import { studioPoints } from '../points/usecases';
import { rank, rankingAnswer, readInputs, FORMULA } from './score';

/**
 * 工作室评比: every studio's score of the year, ranked county-wide (so scores compare); the
 * rows shown are the caller's township's for liaison staff when they ask for it (`townshipId`),
 * the county's otherwise. Every studio's staff may read it: the county announces it.
 */
export async function ranking(deps: Deps, caller: Caller, q: { year: number; townshipId?: string }) {
  if (!isStudioStaff(caller)) throw forbidden('只有党代表、联络员和管理员可以查看工作室评比');
  const [scope, inputs] = await Promise.all([
    scopeFor(deps, caller.role === 'representative' ? { ...caller, role: 'liaison' } : caller, { townshipId: q.townshipId }),
    readInputs(deps, q.year),
  ]);
  const rows = rank(inputs, scope.allStudios, scope.townships, deps.clock.now(), deps.config.reminders.acceptWithinDays);
  return rankingAnswer(rows, q.year, deps.clock.now(), q.townshipId ? new Set(scope.studios.map((s) => s._id)) : undefined);
}

/**
 * 评分明细: one studio's score of the year, part by part: the months (with their activity
 * counts), the representatives' points, the register's rates — and for each the call that lists
 * its entries. The studio's staff, its township's liaison staff, administrators.
 */
export async function studioScore(deps: Deps, caller: Caller, q: { studioId: string; year: number }) {
  // Everything in one round; the permission is decided before anything is answered.
  const [scope, inputs, points] = await Promise.all([
    scopeFor(deps, caller, {}),
    readInputs(deps, q.year),
    studioPoints(deps, { ...caller, role: 'admin' }, q.studioId, q.year).catch((e: unknown) => {
      if (e instanceof AppError && e.code === 'NOT_FOUND') return null;
      throw e;
    }),
  ]);
  if (!scope.allStudios.some((s) => s._id === q.studioId) || !points) throw notFound('该工作室');
  if (!scope.studios.some((s) => s._id === q.studioId)) throw forbidden('您只能查看本工作室（本乡镇、街道）的评分');
  const row = rank(inputs, scope.allStudios, scope.townships, deps.clock.now(), deps.config.reminders.acceptWithinDays).find((r) => r.studioId === q.studioId);
  if (!row) throw notFound('该工作室');
  const byMonth = inputs.activities.get(q.studioId) ?? new Map<string, number>();
  return {
    year: q.year,
    formula: FORMULA,
    ...row,
    months: [...Array(12).keys()].map((i) => {
      const month = `${q.year}-${String(i + 1).padStart(2, '0')}`;
      return { month, activities: byMonth.get(month) ?? 0 };
    }),
    representatives: points.lines,
    drill: {
      activities: { fn: 'activities', action: 'list', params: { studioId: q.studioId, from: `${q.year}-01-01`, to: `${q.year}-12-31` } },
      points: { fn: 'points', action: 'ledger', params: { studioId: q.studioId, year: q.year } },
      register: { fn: 'register', action: 'stats', params: { scope: 'studio', id: q.studioId, from: `${q.year}-01-01`, to: `${q.year}-12-31` } },
    },
  };
}
