import { openPage, startBackend, tap, tapButton, text, type Backend } from './support/harness';
import { publishedReception } from './support/receptions';

describe('工作室', () => {
  let backend: Backend;
  beforeEach(async () => {
    backend = await startBackend();
  });

  it('shows the four on the wall: representatives with photo, unit and basic information, duties, rules', async () => {
    const page = await openPage('pages/studios/detail/index', { id: 'studio-fuying' });
    const shown = text(page);
    expect(shown).toContain('福应街道党代表工作室');
    expect(shown).toContain('王建华');
    expect(shown).toContain('福应街道党工委副书记');
    expect(shown).toMatch(/县第十五次党代会代表/);
    expect(shown).toContain('工作职责');
    expect(shown).toContain('定期接待党员群众，听取意见建议');
    expect(shown).toContain('工作制度');
    expect(shown).toContain('首问负责制度');
    expect(shown).toContain('工作日 8:30–11:30');
    const photos = page.querySelectorAll('.rep__photo');
    expect(photos.length).toBeGreaterThan(1);
    expect(photos[0].data.image).toBe('/assets/avatar-placeholder.png');
  });

  it('opens the address on the map and calls the studio', async () => {
    const wx = (globalThis as any).wx;
    const openLocation = jest.spyOn(wx, 'openLocation');
    const makePhoneCall = jest.spyOn(wx, 'makePhoneCall');
    const page = await openPage('pages/studios/detail/index', { id: 'studio-fuying' });
    await tap(page, '.address');
    expect(openLocation).toHaveBeenCalledWith(
      expect.objectContaining({ latitude: 28.8496, longitude: 120.7332, name: '福应街道党代表工作室', address: '仙居县福应街道文化路25号党员服务中心二楼' }),
    );
    await tap(page, '.phone');
    expect(makePhoneCall).toHaveBeenCalledWith(expect.objectContaining({ phoneNumber: '0576-87772117' }));
  });

  it('lists its upcoming receptions and opens one; 向本工作室反映 preselects the studio', async () => {
    const r = await publishedReception(backend.t);
    const page = await openPage('pages/studios/detail/index', { id: 'studio-fuying' });
    expect(backend.sent).toContainEqual(expect.objectContaining({ name: 'receptions', data: expect.objectContaining({ action: 'list', studioId: 'studio-fuying' }) }));
    expect(text(page)).toContain('老旧小区改造意见征集');
    expect(text(page)).toContain('余 20 位');
    await tap(page, '.reception');
    expect(backend.navigations.pop()).toBe(`/pages/receptions/detail/index?id=${r.id}`);
    await tapButton(page, '.submit');
    expect(backend.navigations.pop()).toBe('/pages/items/submit/index?studioId=studio-fuying');
  });

  it('says when no reception is announced', async () => {
    const page = await openPage('pages/studios/detail/index', { id: 'studio-anzhou' });
    expect(text(page)).toContain('暂无已公告的接待');
  });

  it('an unknown studio shows the back end\'s message', async () => {
    const page = await openPage('pages/studios/detail/index', { id: 'studio-nowhere' });
    expect(text(page)).toContain('该工作室不存在或您无权查看');
  });
});
