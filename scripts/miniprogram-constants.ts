/**
 * The constants the mini-program shares with the back end, written from core into
 * miniprogram/generated/constants.ts (`npm run build`, or `npx tsx scripts/miniprogram-constants.ts`).
 * The pages cannot import core at run time (DevTools uploads miniprogram/ only, and core needs
 * Node), so they get a copy; the copy is committed — WeChat DevTools opens the repository
 * without running a build, and `tsc -p tsconfig.miniprogram.json` must pass on a fresh clone —
 * and test/core/contract.test.ts fails when it differs from what core says now.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultConfig } from '../core/config';
import { CATEGORIES, CHANNELS } from '../core/register/item';
import { ACTION_LABELS, OPEN_STATUSES, STATUS_LABELS } from '../core/register/lifecycle';
import { CHANNEL_LABELS } from '../core/register/sheet';
import { PHONE_PATTERN } from '../core/shared/validation';
import { MUST_VISIT, MUST_VISIT_LABELS } from '../core/visits/types';

export const CONSTANTS_FILE = path.resolve(__dirname, '..', 'miniprogram', 'generated', 'constants.ts');

const json = (v: unknown) => JSON.stringify(v, null, 2);

/** The file's text, from core as it is now. */
export function renderConstants(): string {
  const out = [
    '// Generated from core by scripts/miniprogram-constants.ts (npm run build). Do not edit:',
    '// test/core/contract.test.ts fails when this file differs from what core says.',
    '',
    '/** The categories of the register (core/register/item.ts). */',
    `export const CATEGORIES = ${json(CATEGORIES)} as const;`,
    'export type Category = (typeof CATEGORIES)[number];',
    '',
    '/** Where an opinion came in (core/register/item.ts), and its words (core/register/sheet.ts). */',
    `export const CHANNELS = ${json(CHANNELS)} as const;`,
    `export const CHANNEL_LABELS: Record<(typeof CHANNELS)[number], string> = ${json(CHANNEL_LABELS)};`,
    '',
    '/** The statuses of an item still waiting for an answer (core/register/lifecycle.ts). */',
    `export const OPEN_STATUSES: readonly string[] = ${json(OPEN_STATUSES)};`,
    '',
    '/** An item\'s status in words (core/register/lifecycle.ts). */',
    `export const ITEM_STATUS_LABELS: Record<string, string> = ${json(STATUS_LABELS)};`,
    '',
    '/** What an event of an item\'s timeline did, in words (core/register/lifecycle.ts). */',
    `export const ITEM_ACTION_LABELS: Record<string, string> = ${json(ACTION_LABELS)};`,
    '',
    '/** A phone number the back end accepts: a mobile, or a landline with its area code (core/shared/validation.ts). */',
    `export const PHONE_PATTERN = /${PHONE_PATTERN.source}/;`,
    '',
    '/**',
    ' * Receptions are published at least this many calendar days ahead (core/config.ts, the default;',
    ' * a deployment may set NOTICE_DAYS: the back end decides, the pages only explain).',
    ' */',
    `export const NOTICE_DAYS = ${defaultConfig.noticeDays};`,
    '',
    '/** The households a group must visit (必访户, core/visits/types.ts). */',
    `export const MUST_VISIT = ${json(MUST_VISIT)} as const;`,
    'export type MustVisit = (typeof MUST_VISIT)[number];',
    `export const MUST_VISIT_LABELS: Record<MustVisit, string> = ${json(MUST_VISIT_LABELS)};`,
    '',
  ];
  return out.join('\n');
}

if (require.main === module) {
  fs.mkdirSync(path.dirname(CONSTANTS_FILE), { recursive: true });
  const text = renderConstants();
  const same = fs.existsSync(CONSTANTS_FILE) && fs.readFileSync(CONSTANTS_FILE, 'utf8') === text;
  if (!same) fs.writeFileSync(CONSTANTS_FILE, text);
  console.log(`${same ? 'kept' : 'wrote'} ${path.relative(process.cwd(), CONSTANTS_FILE)} (from core)`);
}
