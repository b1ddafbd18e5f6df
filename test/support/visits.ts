/**
 * Builders for 组团联系服务 (issue 13), made through the real functions as the people would:
 * the liaison of 福应街道 (dev-liaison) makes a group of 王建华 (dev-rep, the leader),
 * 陈素芬 and 周跃进; households are typed in or imported from a sheet made with exceljs.
 */
import ExcelJS from 'exceljs';
import type { memoryFiles } from '../../core/ports/files';
import { bindMember } from './register';
import { DEV_IDENTITIES, type TestApp } from './app';

export const { resident, representative: leader, liaison, admin } = DEV_IDENTITIES;
/** 陈素芬 and 周跃进, members of the group; 卢文娟 of another group of the township. */
export const member = 'wx-rep-fuying-2';
export const member3 = 'wx-rep-fuying-3';
export const otherRep = 'wx-rep-fuying-4';

let seq = 0;
export const rid = (p = 'vr') => `${p}-${Date.now().toString(36)}-${(seq++).toString(36).padStart(5, '0')}`;

/** Binds the group's other members and a representative of another group. */
export async function bindPeople(t: TestApp) {
  await bindMember(t, member, 'representative', 'rep-fuying-2');
  await bindMember(t, member3, 'representative', 'rep-fuying-3');
  await bindMember(t, otherRep, 'representative', 'rep-fuying-4');
}

export const groupEvent = (over: Record<string, unknown> = {}) => ({
  action: 'createGroup',
  townshipId: 'fuying',
  name: '城东片代表组',
  leader: { representativeId: 'rep-fuying-1' },
  memberIds: ['rep-fuying-2', 'rep-fuying-3'],
  villages: ['城东社区', '下叶村'],
  target: 100,
  ...over,
});

/** The group of 王建华, 陈素芬, 周跃进 and another of 卢文娟. */
export async function groups(t: TestApp) {
  const g = await t.ok('visits', liaison, groupEvent());
  const other = await t.ok('visits', liaison, groupEvent({ name: '城西片代表组', leader: { representativeId: 'rep-fuying-4' }, memberIds: [], villages: ['城西社区'] }));
  return { g, other };
}

export interface Row {
  village: string;
  team?: string;
  doorNo: string;
  head: string;
  phone?: string;
  categories?: string;
  rep?: string;
  note?: string;
}

export const HEADERS = ['村（社区）', '组', '门牌号', '户主姓名', '联系电话', '必访类别', '联系代表', '备注'];

/** An .xlsx in the template's layout: two title lines, the header, the rows. */
export async function sheetOf(rows: Row[], headers = HEADERS): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('住户名册');
  ws.addRow(['住户名册导入模板（组团联系服务）']);
  ws.addRow(['必填：村（社区）、门牌号、户主姓名。']);
  ws.addRow(headers);
  for (const r of rows) ws.addRow([r.village, r.team ?? '', r.doorNo, r.head, r.phone ?? '', r.categories ?? '', r.rep ?? '', r.note ?? '']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const CATS = ['党员中心户', '创业创新带头人', '“四老”对象', '重点信访群众', '特殊困难群众'];
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许';

/** `n` good rows: 下叶村, teams 1–4, door numbers 1…n; every fourth a must-visit household of a category in turn. */
export function households(n: number, start = 1): Row[] {
  return Array.from({ length: n }, (_, k) => {
    const i = start + k;
    return {
      village: '下叶村',
      team: `${(i % 4) + 1}组`,
      doorNo: `${i}号`,
      head: `${SURNAMES[i % SURNAMES.length]}${['建国', '秀英', '国强', '玉兰', '志明'][i % 5]}`,
      phone: `1380000${String(1000 + i).padStart(4, '0')}`,
      categories: i % 4 === 1 ? CATS[Math.floor(i / 4) % 5] : '',
      rep: i % 4 === 1 ? '陈素芬' : '',
    };
  });
}

/** Puts an uploaded sheet where the Files port of the test app reads it; answers its file ID. */
export function upload(t: TestApp, bytes: Buffer, name = 'a'.repeat(32)): string {
  const fileId = `local://uploads/${name}.xlsx`;
  (t.app.deps.files as ReturnType<typeof memoryFiles>).files.set(fileId, { bytes, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  return fileId;
}

/** Imports `rows` into the group as the liaison (they must be right). */
export async function imported(t: TestApp, groupId: string, rows: Row[], name?: string) {
  return t.ok('sheets', liaison, { action: 'importHouseholds', groupId, fileId: upload(t, await sheetOf(rows), name) });
}

/** A visit event of `as`'s group to these households. */
export const visitEvent = (groupId: string, householdIds: string[], over: Record<string, unknown> = {}) => ({
  action: 'recordVisit',
  requestId: rid(),
  groupId,
  date: '2026-11-02',
  mode: 'home',
  householdIds,
  learned: '了解家庭生产生活情况，老人身体尚好。',
  ...over,
});
