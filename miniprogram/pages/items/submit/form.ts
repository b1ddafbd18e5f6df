/**
 * 我要反映's form, apart from the page: what is wrong with it and which field a refusal is
 * about (so the page can write it there), and the keys of what the phone remembers.
 */
import { CloudError } from '../../../services/cloud';

export { DRAFT_KEY, LAST_STUDIO_KEY } from '../../../utils/keys';

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8})$/;

/** The fields a problem can be about; each has a section `#field-<name>` on the page. */
export type Field = 'studio' | 'category' | 'content' | 'contact';

export interface FormFields {
  studioId: string;
  category: string;
  content: string;
  contactName: string;
  contactPhone: string;
  anonymous: boolean;
}

/** The first thing wrong with the form, in the words the back end would use; null when it can be sent. */
export function problem(f: FormFields): { field: Field; message: string } | null {
  if (!f.studioId) return { field: 'studio', message: '请选择工作室' };
  if (!f.category) return { field: 'category', message: '请选择反映类别' };
  if (f.content.trim().length < 5) return { field: 'content', message: '反映内容至少 5 个字' };
  if (!f.anonymous && f.contactPhone.trim() && !PHONE.test(f.contactPhone.trim())) return { field: 'contact', message: '请填写正确的手机号或固定电话' };
  return null;
}

const FIELD_OF_INPUT: Record<string, Field> = { studioId: 'studio', category: 'category', content: 'content', contactName: 'contact', contactPhone: 'contact' };

/** Which field a refusal of the back end is about, if any (the content check, a field the schema refused). */
export function fieldOf(e: unknown): Field | null {
  if (!(e instanceof CloudError)) return null;
  if (e.code === 'CONTENT_REJECTED') return 'content';
  if (e.code !== 'VALIDATION') return null;
  const issues = (e.details as { issues?: Array<{ path?: string }> } | undefined)?.issues ?? [];
  const path = issues[0]?.path?.split('.')[0] ?? '';
  return FIELD_OF_INPUT[path] ?? null;
}
