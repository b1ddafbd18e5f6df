/**
 * Where the mini-program's back end is. `services/cloud.ts` reads this and nothing else does.
 *
 * - `local` (the default for development): the local cloud of `npm start`
 *   (`http://127.0.0.1:3000`), called with `wx.request` as the dev identity `devOpenid`
 *   (`dev-resident`, `dev-rep`, `dev-liaison`, `dev-admin`; any other openid is a resident).
 *   In WeChat DevTools tick 详情 → 本地设置 → 不校验合法域名 (project.config.json already
 *   sets `urlCheck: false`).
 * - `cloud`: `wx.cloud.callFunction` in the CloudBase environment `envId`; the caller is the
 *   WeChat user, as the cloud function reads it from `cloud.getWXContext()`.
 *
 * To switch, change `backend` below (docs/miniprogram.md).
 */
export type BackendConfig =
  | { mode: 'cloud'; /** CloudBase environment id, e.g. `xianju-1g2h3j4k` */ envId: string }
  | { mode: 'local'; /** the local host, no trailing slash */ baseUrl: string; /** the dev identity to call as */ devOpenid: string };

export const backend: BackendConfig = {
  mode: 'local',
  baseUrl: 'http://127.0.0.1:3000',
  devOpenid: 'dev-resident',
};
