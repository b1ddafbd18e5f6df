/**
 * The glue between WeChat's cloud and `core`: the only server file that imports
 * wx-server-sdk. Each function's index.ts is one line on top of it. Bundled into each
 * function's index.js by `npm run build`; wx-server-sdk stays external (installed from the
 * function's package.json on upload).
 */
import cloud from 'wx-server-sdk';
import { createCloudBaseStore, type CloudDatabase } from '../core/adapters/cloudbase/store';
import { wechatContentCheck, type SecurityOpenApi } from '../core/adapters/wechat/contentCheck';
import { wechatNotifier, type SubscribeOpenApi } from '../core/adapters/wechat/notifier';
import { cloudFiles, type CloudStorage } from '../core/adapters/wechat/files';
import { createApp, type App } from '../core/app';
import { configFromEnv } from '../core/config';
import { systemClock } from '../core/ports/clock';

let app: App | undefined;

/** Built once per warm container, on first use. */
function getApp(): App {
  if (!app) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    app = createApp({
      store: createCloudBaseStore(cloud.database() as unknown as CloudDatabase),
      clock: systemClock,
      contentCheck: wechatContentCheck(cloud.openapi as unknown as SecurityOpenApi),
      notifier: wechatNotifier(cloud.openapi as unknown as SubscribeOpenApi),
      files: cloudFiles(cloud as unknown as CloudStorage),
      config: configFromEnv(),
    });
  }
  return app;
}

/** The `main` of a callable function: identity from the verified WeChat context only. */
export function callable(name: string) {
  return async (event: unknown) => {
    const { OPENID } = cloud.getWXContext();
    return getApp().call(name, event, OPENID === undefined || OPENID === null ? undefined : String(OPENID));
  };
}

/** The `main` of a timer-triggered function. */
export function timer(name: string) {
  return async () => getApp().runTimer(name);
}

/** For tests: forget the built app so the next call builds it again. */
export function resetForTests() {
  app = undefined;
}
