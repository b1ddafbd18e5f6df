/**
 * WeChat subscribe-message templates: the one place for template ids and field mappings.
 * Apply for these in the mini-program admin console (订阅消息 → 公共模板库), then set the ids
 * as environment variables of the functions (README "Subscribe messages").
 *
 * Each template shows a message's title, its body and a time; `fields` says which template
 * keyword carries which. Values are cut to the lengths WeChat allows (thing ≤ 20 characters).
 */
import type { MessageKind } from '../outbox/outbox';

export interface TemplateDef {
  /** The title of the public template to apply for. */
  title: string;
  /** Environment variable holding the template id. */
  env: string;
  fields: { title: string; body: string; time: string };
}

export const TEMPLATES = {
  /** Residents: their item accepted, answered, referred, resolved, reopened. */
  itemProgress: { title: '事项办理进度通知', env: 'TEMPLATE_ITEM_PROGRESS', fields: { title: 'thing1', body: 'thing2', time: 'time3' } },
  /** Representatives, liaison staff and admins: tasks, deadlines, overdue items. */
  todo: { title: '待办事项提醒', env: 'TEMPLATE_TODO', fields: { title: 'thing1', body: 'thing2', time: 'time3' } },
  /** Residents: booking confirmed, waiting, promoted, cancelled. */
  booking: { title: '预约结果通知', env: 'TEMPLATE_BOOKING', fields: { title: 'thing1', body: 'thing2', time: 'time3' } },
  /** Residents and representatives: the reception tomorrow. */
  activity: { title: '活动开始提醒', env: 'TEMPLATE_ACTIVITY', fields: { title: 'thing1', body: 'thing2', time: 'time3' } },
} as const satisfies Record<string, TemplateDef>;

export type TemplateKey = keyof typeof TEMPLATES;

/** Which template each kind of message goes out with. */
export const KIND_TEMPLATE: Record<MessageKind, TemplateKey> = {
  item_accepted: 'itemProgress',
  item_answered: 'itemProgress',
  item_referred: 'itemProgress',
  item_resolved: 'itemProgress',
  item_reopened: 'itemProgress',
  booking_confirmed: 'booking',
  booking_waiting: 'booking',
  booking_promoted: 'booking',
  reception_cancelled: 'booking',
  reception_tomorrow: 'activity',
  duty_tomorrow: 'activity',
  item_assigned: 'todo',
  item_due_soon: 'todo',
  item_overdue: 'todo',
  item_not_accepted: 'todo',
  studio_item_overdue: 'todo',
  item_reopened_liaison: 'todo',
  item_urged: 'todo',
  item_released: 'todo',
  item_supervise: 'todo',
  invite_approval: 'todo',
  inquiry_cosign_request: 'todo',
  inquiry_submitted: 'todo',
  inquiry_accepted: 'itemProgress',
  inquiry_assigned: 'todo',
  inquiry_returned: 'itemProgress',
  inquiry_clarification_asked: 'todo',
  inquiry_clarified: 'todo',
  inquiry_replied: 'itemProgress',
  inquiry_met: 'todo',
  inquiry_next_round: 'todo',
  inquiry_to_committee: 'todo',
  inquiry_closed: 'itemProgress',
  inquiry_extended: 'todo',
  inquiry_accountability: 'todo',
  inquiry_due_soon: 'todo',
  inquiry_overdue: 'todo',
  inquiry_overdue_digest: 'todo',
  visit_case_submitted: 'todo',
  visit_case_scheduled: 'todo',
  visit_case_decided: 'itemProgress',
  visit_measure_assigned: 'todo',
  visit_case_closed: 'itemProgress',
  visit_case_to_proposal: 'itemProgress',
  visit_case_withdrawn: 'todo',
  visit_measure_due_soon: 'todo',
  visit_measure_overdue: 'todo',
  visit_group_behind: 'todo',
  visit_household_due: 'todo',
  item_referred_department: 'todo',
  item_referral_result: 'todo',
  item_merged: 'itemProgress',
  item_asker_unsatisfied: 'todo',
  forum_invited: 'activity',
  forum_department_invited: 'activity',
  forum_linked: 'itemProgress',
  forum_tomorrow: 'activity',
  forum_cancelled: 'activity',
  forum_outcome: 'itemProgress',
  forum_not_closed: 'todo',
  proposal_submitted: 'todo',
  proposal_cosigned: 'itemProgress',
  proposal_returned: 'itemProgress',
  proposal_converted: 'itemProgress',
  proposal_accepted: 'itemProgress',
  proposal_assigned: 'todo',
  proposal_dispatched: 'itemProgress',
  proposal_refused: 'todo',
  proposal_taken: 'itemProgress',
  proposal_progress: 'itemProgress',
  proposal_extension_requested: 'todo',
  proposal_extension_decided: 'todo',
  proposal_completed: 'todo',
  proposal_reopened: 'todo',
  proposal_closed: 'itemProgress',
  proposal_urged: 'todo',
  proposal_due_soon: 'todo',
  proposal_overdue: 'todo',
  proposal_key_weekly: 'todo',
  activity_missing: 'todo',
  swap_requested: 'todo',
  swap_decided: 'todo',
};

/** The template ids in force: from the environment, or a placeholder naming the variable. */
export function templateIds(env: Record<string, string | undefined> = process.env): Record<TemplateKey, string> {
  const out = {} as Record<TemplateKey, string>;
  for (const [key, def] of Object.entries(TEMPLATES) as Array<[TemplateKey, TemplateDef]>) out[key] = env[def.env] || `dev-${key}`;
  return out;
}

const cut = (s: string, n: number) => (s.length > n ? s.slice(0, n - 1) + '…' : s);

/** The `data` of `subscribeMessage.send` for a message (or a digest). */
export function templateData(key: TemplateKey, msg: { title: string; body: string; time: string }): Record<string, { value: string }> {
  const f = TEMPLATES[key].fields;
  return { [f.title]: { value: cut(msg.title, 20) }, [f.body]: { value: cut(msg.body, 20) }, [f.time]: { value: msg.time } };
}
