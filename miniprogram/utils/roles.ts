import type { Role } from '../services/types';

/** What each role (`members.me`) is called in the app. */
export const ROLE_LABELS: Record<Role, string> = {
  resident: '群众',
  representative: '党代表',
  liaison: '联络员',
  admin: '县级管理员',
  contact: '质询对象联系人',
  department: '有关单位',
};
