/**
 * One contract (issue 16 point 7): the mini-program's view types are core/views.ts, imported
 * type-only; its constants are generated from core. This file fails when a copy drifts:
 * - at type-check time (npm test's `tsc`, and ts-jest here): the unions of core/views.ts equal
 *   core's own, and what the use cases answer is assignable to the views the pages read;
 * - at run time: miniprogram/generated/constants.ts is what core would generate now, core/views.ts
 *   holds no code, and no page script reaches outside miniprogram/ except type-only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';
import { CONSTANTS_FILE, renderConstants } from '../../scripts/miniprogram-constants';
import type * as V from '../../core/views';
import type { Status as ItemStatus } from '../../core/register/lifecycle';
import type { BookingStatus, ReceptionStatus } from '../../core/receptions/types';
import type { Role } from '../../core/members/types';
import type { ForumAction, ForumStatus } from '../../core/forums/lifecycle';
import type { ForumLevel } from '../../core/forums/types';
import type { ProposalPublicAction, ProposalStatus } from '../../core/proposals/lifecycle';
import type { InquiryPublicAction, InquiryStatus } from '../../core/inquiries/lifecycle';
import type { InquiryArea, SubjectBody } from '../../core/inquiries/types';
import type { CasePublicAction } from '../../core/visits/lifecycle';
import type { MustVisit, VisitMode } from '../../core/visits/types';
import type { GroupAction } from '../../core/visits/view';
import type { CATEGORIES } from '../../core/register/item';
import type { getStudio } from '../../core/directory/usecases';
import type { checkIn, getReception, listDuties, myBookings, ReceptionCallerAction } from '../../core/receptions/usecases';
import type { doorList } from '../../core/receptions/door';
import type { getItem } from '../../core/register/usecases';

// ---------------------------------------------------------------------------------------------
// Type-level: a mismatch is a compile error on the line that names it.

/** Exactly the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** What a use case answers (its promise's value). */
type Answer<F extends (...args: never[]) => unknown> = Awaited<ReturnType<F>>;
/** `A` can be read as `B`: every field the pages read exists on the server's answer with a compatible type. */
type Reads<A, B> = [A] extends [B] ? true : false;

/** The unions the pages switch on are core's own. */
export const UNIONS_MATCH: true[] = [
  true as Equal<V.ItemStatus, ItemStatus>,
  true as Equal<V.BookingStatus, BookingStatus>,
  true as Equal<V.ReceptionAction, ReceptionCallerAction>,
  true as Equal<V.Role, Role>,
  true as Equal<V.ForumStatus, ForumStatus>,
  true as Equal<V.ForumAction, ForumAction | 'submitView'>,
  true as Equal<V.ForumLevel, ForumLevel>,
  true as Equal<V.ProposalStatus, ProposalStatus>,
  true as Equal<V.ProposalAction, ProposalPublicAction>,
  true as Equal<V.InquiryStatus, InquiryStatus>,
  true as Equal<V.InquiryAction, InquiryPublicAction>,
  true as Equal<V.InquiryArea, InquiryArea>,
  true as Equal<V.SubjectBody, SubjectBody>,
  true as Equal<V.CaseAction, CasePublicAction>,
  true as Equal<V.MustVisit, MustVisit>,
  true as Equal<V.VisitMode, VisitMode>,
  true as Equal<V.GroupAction, GroupAction>,
  true as Equal<(typeof import('../../miniprogram/generated/constants'))['CATEGORIES'][number], (typeof CATEGORIES)[number]>,
];

/** What the use cases answer is what the pages read. */
export const ANSWERS_READ: true[] = [
  true as Reads<Answer<typeof getStudio>, V.Studio>,
  true as Reads<Answer<typeof getReception>, V.Reception>,
  true as Reads<Answer<typeof getReception>, V.StaffReception>,
  true as Reads<Answer<typeof listDuties>['items'][number], V.Duty>,
  true as Reads<Answer<typeof myBookings>, V.Paged<V.BookingWithReception>>,
  true as Reads<Answer<typeof checkIn>, V.CheckedIn>,
  true as Reads<Answer<typeof doorList>, V.DoorList>,
  true as Reads<Answer<typeof getItem>, V.Item>,
];

// ---------------------------------------------------------------------------------------------
// Run time

const ROOT = path.resolve(__dirname, '..', '..');
const MP = path.join(ROOT, 'miniprogram');

function scripts(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'miniprogram_npm') out.push(...scripts(abs));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(abs);
  }
  return out;
}

describe('one contract between the back end and the mini-program', () => {
  it('the type checks above compiled (every union equal, every answer readable)', () => {
    expect([...UNIONS_MATCH, ...ANSWERS_READ].every((x) => x === true)).toBe(true);
  });

  it('miniprogram/generated/constants.ts is what core generates now (run `npm run build` after changing core)', () => {
    expect(fs.readFileSync(CONSTANTS_FILE, 'utf8')).toBe(renderConstants());
  });

  it('the generated constants carry core\'s values', () => {
    const c = require('../../miniprogram/generated/constants') as typeof import('../../miniprogram/generated/constants');
    const { CATEGORIES: core } = require('../../core/register/item') as typeof import('../../core/register/item');
    expect(c.CATEGORIES).toEqual(core);
    expect(c.CHANNEL_LABELS.forum).toBe('论坛');
    expect(c.ITEM_ACTION_LABELS.urge).toBe('催办');
    expect(c.PHONE_PATTERN.test('0576-87654321')).toBe(true);
    expect(c.PHONE_PATTERN.test('1380576')).toBe(false);
  });

  it('core/views.ts holds types only: no import, and nothing left once compiled', () => {
    const source = fs.readFileSync(path.join(ROOT, 'core', 'views.ts'), 'utf8');
    expect(source).not.toMatch(/^\s*import\b|\brequire\(/m);
    const js = transformSync(source, { loader: 'ts', format: 'esm' }).code;
    expect(js.replace(/\/\/.*|\/\*[\s\S]*?\*\//g, '').trim()).toBe('');
  });

  it('no page script loads anything outside miniprogram/ at run time (core only type-only)', () => {
    const outside: string[] = [];
    let typeOnly = 0;
    for (const file of scripts(MP)) {
      const source = fs.readFileSync(file, 'utf8');
      const js = transformSync(source, { loader: 'ts', format: 'cjs' }).code;
      for (const m of js.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)) {
        if (!m[1].startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), m[1]);
        if (!target.startsWith(MP + path.sep)) outside.push(`${path.relative(ROOT, file)} → ${m[1]}`);
      }
      if (/\bfrom\s*['"](\.\.\/)+core\//.test(source)) typeOnly++;
    }
    expect(outside).toEqual([]);
    // The contract is reached (services/types.ts), so the check above means something.
    expect(typeOnly).toBeGreaterThan(0);
  });
});
