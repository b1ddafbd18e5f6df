/**
 * Which studios a county-wide view covers for the caller: every studio for an administrator
 * (or one township's, when asked), the studios of their townships for liaison staff (县 sees
 * the county, 乡镇 its own), the own studio for a representative. Compliance, points, the
 * ranking and the dashboard all read their scope here.
 */
import type { Deps } from '../deps';
import type { Studio, Township } from '../directory/types';
import { forbidden, notFound } from '../errors';
import type { Caller } from '../members/types';

export interface Scope {
  /** County, or one township, or the caller's own studios. */
  level: 'county' | 'township' | 'studio';
  townshipId: string | null;
  /** 仙居县, the township's name, or the studio's. */
  name: string;
  /** The studios covered, in the county's order. */
  studios: Studio[];
  /** Every studio of the county (what county-wide comparisons need), and the townships. */
  allStudios: Studio[];
  townships: Township[];
}

/** The studios `caller` may see in a county-wide view, narrowed to `townshipId` if given. */
export async function scopeFor(deps: Deps, caller: Caller, q: { townshipId?: string } = {}): Promise<Scope> {
  const [studios, townships] = await Promise.all([
    deps.store.find<Studio>('studios', { orderBy: [['order', 'asc']], limit: 1000 }),
    deps.store.find<Township>('townships', { orderBy: [['order', 'asc']], limit: 100 }),
  ]);
  if (q.townshipId && !townships.some((t) => t._id === q.townshipId)) throw notFound('该乡镇（街道）');
  const townshipName = (id: string) => townships.find((t) => t._id === id)?.name ?? id;
  if (caller.role === 'admin') {
    if (!q.townshipId) return { level: 'county', townshipId: null, name: '仙居县', studios, allStudios: studios, townships };
    return { level: 'township', townshipId: q.townshipId, name: townshipName(q.townshipId), studios: studios.filter((s) => s.townshipId === q.townshipId), allStudios: studios, townships };
  }
  if (caller.role === 'liaison') {
    const mine = new Set(studios.filter((s) => caller.studioIds.includes(s._id)).map((s) => s.townshipId));
    if (q.townshipId && !mine.has(q.townshipId)) throw forbidden('您只能查看本乡镇（街道）的工作室');
    const ids = q.townshipId ? [q.townshipId] : [...mine];
    return {
      level: 'township',
      townshipId: ids.length === 1 ? ids[0] : null,
      name: ids.map(townshipName).join('、'),
      studios: studios.filter((s) => ids.includes(s.townshipId)),
      allStudios: studios,
      townships,
    };
  }
  if (caller.role === 'representative') {
    if (q.townshipId) throw forbidden('只有联络员和县级管理员可以查看乡镇（街道）的工作室');
    const own = studios.filter((s) => caller.studioIds.includes(s._id));
    return { level: 'studio', townshipId: own[0]?.townshipId ?? null, name: own.map((s) => s.name).join('、'), studios: own, allStudios: studios, townships };
  }
  throw forbidden('只有党代表、联络员和管理员可以查看');
}
