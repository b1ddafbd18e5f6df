import type { Member } from '../core/members/types';
import { DuplicateId, type NewDoc, type Store, type StoredDoc } from '../core/ports/store';
import { CONTACTS, DEPARTMENTS, REPRESENTATIVES, STUDIOS, TOWNSHIPS } from './demo-data';

/** The dev identities the README lists: use them as `x-wx-openid`. */
export const DEV_IDENTITIES = {
  resident: 'dev-resident',
  representative: 'dev-rep',
  liaison: 'dev-liaison',
  admin: 'dev-admin',
  contact: 'dev-contact',
  department: 'dev-dept',
} as const;

export const DEV_REP_ID = 'rep-fuying-1';
export const DEV_STUDIO_ID = 'studio-fuying';

const DEV_MEMBERS: NewDoc<Member>[] = [
  { _id: DEV_IDENTITIES.representative, role: 'representative', representativeId: DEV_REP_ID, studioIds: [DEV_STUDIO_ID], name: '王建华', contactPublic: false, boundAt: 0 },
  { _id: DEV_IDENTITIES.liaison, role: 'liaison', studioIds: [DEV_STUDIO_ID], name: '福应街道联络员', boundAt: 0 },
  { _id: DEV_IDENTITIES.admin, role: 'admin', studioIds: [], name: '县委组织部', boundAt: 0 },
  { _id: DEV_IDENTITIES.contact, role: 'contact', contactId: 'ct-xianwei-ban', studioIds: [], name: '陈立新', boundAt: 0 },
  { _id: DEV_IDENTITIES.department, role: 'department', departmentId: 'dept-zhujian', studioIds: [], name: '县住建局', boundAt: 0 },
];

/**
 * Loads the Xianju demo directory and the dev identities into an empty store; on a store
 * that has them it adds only what is missing, so it is safe to run at every start.
 * Returns how many documents it created.
 */
export async function seedDemoData(store: Store): Promise<number> {
  let created = 0;
  const put = async <T extends StoredDoc>(collection: string, docs: NewDoc<T>[]) => {
    for (const doc of docs) {
      try {
        await store.create<T>(collection, doc);
        created++;
      } catch (e) {
        if (!(e instanceof DuplicateId)) throw e;
      }
    }
  };
  await put('townships', TOWNSHIPS);
  await put('studios', STUDIOS);
  await put('representatives', REPRESENTATIVES);
  await put('departments', DEPARTMENTS);
  await put('contacts', CONTACTS);
  await put('members', DEV_MEMBERS);
  return created;
}
