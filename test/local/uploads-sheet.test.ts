import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { localFiles } from '../../core/adapters/files/local';
import { storeSheetUpload, storeUpload } from '../../local/uploads';
import { makeTestApp, submitEvent } from '../support/app';
import { sheetOf, households } from '../support/visits';

/** The local host's `/upload` keeps an .xlsx to import beside the photos; photos keep their own rules. */
describe('an Excel sheet uploaded to the local cloud', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uploads-sheet-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is kept as <hash>.xlsx and read back by the Files port from its file ID', async () => {
    const bytes = await sheetOf(households(2));
    expect(storeUpload(path.join(dir, 'uploads'), bytes)).toBeNull();
    const fileId = storeSheetUpload(path.join(dir, 'uploads'), bytes);
    expect(fileId).toMatch(/^local:\/\/uploads\/[a-f0-9]{32}\.xlsx$/);
    const read = await localFiles(path.join(dir, 'files')).read(fileId as string);
    expect(read?.equals(bytes)).toBe(true);
  });

  it('refuses bytes that are not a zip, and a photo field refuses an .xlsx file ID', async () => {
    expect(storeSheetUpload(dir, Buffer.from('not a sheet at all'))).toBeNull();
    expect(storeSheetUpload(dir, Buffer.alloc(0))).toBeNull();
    expect(fs.readdirSync(dir)).toEqual([]);
    const t = await makeTestApp();
    expect(await t.fails('register', 'dev-resident', submitEvent({ photos: [`local://uploads/${'a'.repeat(32)}.xlsx`] }))).toBe('VALIDATION');
    t.close();
  });
});
