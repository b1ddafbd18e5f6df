import type { Deps } from '../deps';
import { notFound } from '../errors';
import type { Filter } from '../ports/store';
import type { Department, Representative, Studio, StudioKind, Township } from './types';

/** The 20 townships and streets, in the county's order. */
export async function listTownships(deps: Deps) {
  const rows = await deps.store.find<Township>('townships', { orderBy: [['order', 'asc']], limit: 100 });
  return rows.map((t) => ({ id: t._id, name: t.name, kind: t.kind }));
}

const studioSummary = (s: Studio) => ({
  id: s._id,
  name: s.name,
  kind: s.kind,
  townshipId: s.townshipId,
  address: s.address,
  openingHours: s.openingHours,
});

/** Studios, optionally of one township or one kind. */
export async function listStudios(deps: Deps, q: { townshipId?: string; kind?: StudioKind }) {
  const where: Filter = {};
  if (q.townshipId) where.townshipId = q.townshipId;
  if (q.kind) where.kind = q.kind;
  const rows = await deps.store.find<Studio>('studios', { where, orderBy: [['order', 'asc']], limit: 200 });
  return rows.map(studioSummary);
}

/** A studio with its "four on the wall" (四上墙): representatives, their basic information, duties, rules. */
export async function getStudio(deps: Deps, id: string) {
  // One round: the studio, its representatives and the county's 20 townships together (the
  // township is known only from the studio).
  const [studio, reps, townships] = await Promise.all([
    deps.store.get<Studio>('studios', id),
    deps.store.find<Representative>('representatives', { where: { studioId: id }, orderBy: [['name', 'asc']], limit: 200 }),
    deps.store.find<Township>('townships', { limit: 100 }),
  ]);
  if (!studio) throw notFound('该工作室');
  const township = townships.find((t) => t._id === studio.townshipId);
  return {
    ...studioSummary(studio),
    townshipName: township?.name ?? null,
    phone: studio.phone,
    location: studio.location,
    duties: studio.duties,
    rules: studio.rules,
    representatives: reps.map((r) => ({ id: r._id, name: r.name, unit: r.unit, photo: r.photo, level: r.level, intro: r.intro })),
  };
}

/** 有关单位: the departments items can be referred to. */
export async function listDepartments(deps: Deps) {
  const rows = await deps.store.find<Department>('departments', { orderBy: [['name', 'asc']], limit: 500 });
  return rows.map((d) => ({ id: d._id, name: d.name }));
}
