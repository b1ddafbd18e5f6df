// What WeChat gives every page and component that miniprogram-simulate leaves out.
const g = globalThis as unknown as Record<string, unknown>;
// TDesign's components read the app's global config through getApp().
g.getApp = () => ({});
g.getCurrentPages = () => [];
