/**
 * 党代表工作室 for residents and party members: studios, receptions, opinions. Everything
 * the pages need comes from the back end through services/cloud.ts; there is no app-wide state.
 */
App({});
