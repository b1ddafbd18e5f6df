/**
 * Ambient types of the mini-program (tsconfig.miniprogram.json includes this folder;
 * miniprogram-api-typings, referenced from `types`, declares `App`, `Page`, `wx`, `getApp`).
 *
 * `IAppOption` is the app-wide instance: what `App<IAppOption>({...})` in miniprogram/app.ts
 * defines and `getApp<IAppOption>()` returns. The app keeps no state of its own — every page
 * gets its data from the back end through services/cloud.ts — so it is empty on purpose;
 * give it a field here before giving App() one.
 */
interface IAppOption {}
