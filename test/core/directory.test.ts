import { makeTestApp, type TestApp } from '../support/app';

/** `directory`: Xianju's townships, its 37 studios and a studio's "four on the wall" (issue 2, items 2 and 4). */

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(() => t.close());

type Township = { id: string; name: string; kind: string };
type StudioSummary = { id: string; name: string; kind: string; townshipId: string; address: string; openingHours: string };
type StudioPage = StudioSummary & {
  townshipName: string | null;
  phone: string;
  duties: string[];
  rules: string[];
  representatives: Array<{ id: string; name: string; unit: string; photo: string }>;
};

const studios = (q: Record<string, unknown> = {}) => t.ok<StudioSummary[]>('directory', 'dev-resident', { action: 'studios', ...q });

describe('townships', () => {
  it('are Xianju’s 20 townships and streets, in the county’s order', async () => {
    const rows = await t.ok<Township[]>('directory', 'dev-resident', { action: 'townships' });
    expect(rows.map((r) => r.name)).toEqual([
      '福应街道', '安洲街道', '南峰街道', '白塔镇', '田市镇', '官路镇', '下各镇', '朱溪镇', '埠头镇', '横溪镇',
      '皤滩乡', '淡竹乡', '湫山乡', '大战乡', '上张乡', '广度乡', '溪港乡', '安岭乡', '步路乡', '双庙乡',
    ]);
    expect(rows[0]).toEqual({ id: 'fuying', name: '福应街道', kind: 'street' });
    expect(rows.filter((r) => r.kind === 'street')).toHaveLength(3);
    expect(rows.filter((r) => r.kind === 'town')).toHaveLength(7);
    expect(rows.filter((r) => r.kind === 'township')).toHaveLength(10);
  });

  it('are open to every caller, staff included', async () => {
    for (const openid of ['dev-rep', 'dev-liaison', 'dev-admin', 'first-visit']) {
      expect(await t.ok<Township[]>('directory', openid, { action: 'townships' })).toHaveLength(20);
    }
  });
});

describe('studios', () => {
  it('are 37, one per township plus county, social and "two new" studios, in order', async () => {
    const rows = await studios();
    expect(rows).toHaveLength(37);
    expect(new Set(rows.map((r) => r.id)).size).toBe(37);
    const count = (kind: string) => rows.filter((r) => r.kind === kind).length;
    expect([count('township'), count('county_department'), count('county_joint'), count('social'), count('two_new')]).toEqual([20, 7, 4, 3, 3]);
    expect(rows[0]).toMatchObject({ id: 'studio-fuying', name: '福应街道党代表工作室', townshipId: 'fuying' });
    for (const r of rows) {
      expect(r.address).toMatch(/仙居县/);
      expect(r.openingHours.length).toBeGreaterThan(0);
    }
  });

  it('filter by township', async () => {
    const baita = await studios({ townshipId: 'baita' });
    expect(baita.map((r) => r.id)).toEqual(['studio-baita', 'studio-minsu']);
    const fuying = await studios({ townshipId: 'fuying' });
    expect(fuying).toHaveLength(7);
    expect(fuying.every((r) => r.townshipId === 'fuying')).toBe(true);
    expect(await studios({ townshipId: 'nowhere' })).toEqual([]);
  });

  it('filter by kind', async () => {
    const social = await studios({ kind: 'social' });
    expect(social.map((r) => r.id)).toEqual(['studio-gongshanglian', 'studio-cishan', 'studio-lvxie']);
    expect((await studios({ kind: 'township' })).map((r) => r.townshipId)).toHaveLength(20);
  });

  it('filter by township and kind together', async () => {
    const rows = await studios({ townshipId: 'anzhou', kind: 'county_joint' });
    expect(rows.map((r) => r.id)).toEqual(['studio-nonglin', 'studio-minzheng-renshe']);
  });
});

describe('a studio', () => {
  it('comes with its four on the wall: duties, rules and representatives', async () => {
    const s = await t.ok<StudioPage>('directory', 'dev-resident', { action: 'studio', id: 'studio-fuying' });
    expect(s).toMatchObject({ id: 'studio-fuying', name: '福应街道党代表工作室', kind: 'township', townshipName: '福应街道' });
    expect(s.phone).toMatch(/^0576-/);
    expect(s.duties.length).toBeGreaterThan(0);
    expect(s.rules.length).toBeGreaterThan(0);
    for (const line of [...s.duties, ...s.rules]) expect(line).toMatch(/[\u4e00-\u9fff]/);
    expect(s.representatives).toHaveLength(5);
    expect(s.representatives.map((r) => r.id).sort()).toEqual(['rep-fuying-1', 'rep-fuying-2', 'rep-fuying-3', 'rep-fuying-4', 'rep-fuying-5']);
    for (const r of s.representatives) {
      expect(r).toEqual(expect.objectContaining({ id: expect.any(String), name: expect.any(String), unit: expect.any(String), photo: expect.any(String) }));
      expect(r.unit.length).toBeGreaterThan(0);
    }
    expect(s.representatives.find((r) => r.id === 'rep-fuying-1')?.name).toBe('王建华');
  });

  it('does not show representatives’ phone numbers or WeChat ids on the wall', async () => {
    const s = await t.ok<StudioPage>('directory', 'dev-resident', { action: 'studio', id: 'studio-fuying' });
    for (const r of s.representatives) {
      expect(r).not.toHaveProperty('phone');
      expect(r).not.toHaveProperty('wechat');
    }
  });

  it('every studio has duties, rules and at least one representative', async () => {
    for (const { id } of await studios()) {
      const s = await t.ok<StudioPage>('directory', 'dev-resident', { action: 'studio', id });
      expect([id, s.duties.length > 0, s.rules.length > 0, s.representatives.length > 0]).toEqual([id, true, true, true]);
      expect(s.townshipName).not.toBeNull();
    }
  });

  it('an unknown studio answers NOT_FOUND in Chinese', async () => {
    const r = await t.call('directory', 'dev-resident', { action: 'studio', id: 'studio-atlantis' });
    expect(r).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: expect.stringMatching(/工作室/) } });
  });
});
