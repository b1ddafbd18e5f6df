/**
 * What the phone remembers (wx.setStorageSync), by key, in one place: pages read and write
 * them through utils/care.ts, utils/studios.ts and 我要反映's form.ts; the tests and
 * `npm run screenshots` set them to open pages in a state.
 */

/** 关怀模式: the resident's text size, 'standard' | 'large' (absent: WeChat's font size decides). */
export const TEXT_SIZE_KEY = 'care.textSize';
/** The township of the last studio page opened: 我要反映 offers its studio first. */
export const HOME_TOWNSHIP_KEY = 'resident.townshipId';
/** The studio the resident last sent an opinion to. */
export const LAST_STUDIO_KEY = 'submit.lastStudioId';
/** What was typed on 我要反映 and not yet registered (kept on every failure, cleared when registered). */
export const DRAFT_KEY = 'submit.draft';
