import { DEV_IDENTITIES, DEV_REP_ID, DEV_STUDIO_ID, requestId, type TestApp } from '../../support/app';

/** A reception of 福应街道党代表工作室 scheduled and published by its liaison (the clock stands at 2026-11-02). */
export async function publishedReception(t: TestApp, overrides: Record<string, unknown> = {}): Promise<{ id: string; startAt: number }> {
  const draft = await t.ok('receptions', DEV_IDENTITIES.liaison, {
    action: 'schedule',
    studioId: DEV_STUDIO_ID,
    startAt: '2026-11-12T09:00:00+08:00',
    endAt: '2026-11-12T11:30:00+08:00',
    form: 'studio',
    topic: '老旧小区改造意见征集',
    representativeIds: [DEV_REP_ID, 'rep-fuying-2'],
    capacity: 20,
    ...overrides,
  });
  return t.ok('receptions', DEV_IDENTITIES.liaison, { action: 'publish', id: draft.id });
}

/** Books a place directly through the back end, as another resident would from their phone. */
export const bookAs = (t: TestApp, openid: string, id: string) => t.ok('receptions', openid, { action: 'book', id, requestId: requestId() });
