/**
 * The glue between WeChat's cloud and `core`: the only server file that imports wx-server-sdk.
 * `callable.ts` and `timer.ts` build each function's `main` on top of it; each function's
 * index.ts is one line naming its own actions, so its bundle (`npm run build`) holds only what
 * that function needs. wx-server-sdk stays external (installed from the function's package.json
 * on upload).
 */
import cloud from 'wx-server-sdk';
import { createCloudBaseStore, type CloudDatabase } from '../core/adapters/cloudbase/store';
import { wechatContentCheck, type SecurityOpenApi } from '../core/adapters/wechat/contentCheck';
import { wechatNotifier, type SubscribeOpenApi } from '../core/adapters/wechat/notifier';
import { cloudFiles, type CloudStorage } from '../core/adapters/wechat/files';
import { wechatCodes, type WxacodeOpenApi } from '../core/adapters/wechat/codes';
import { configFromEnv } from '../core/config';
import type { Deps } from '../core/deps';
import { systemClock } from '../core/ports/clock';

let deps: Deps | undefined;

/** The CloudBase adapters, built once per warm container, on first use. */
export function cloudDeps(): Deps {
  if (!deps) {
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string });
    deps = {
      store: createCloudBaseStore(cloud.database() as unknown as CloudDatabase),
      clock: systemClock,
      contentCheck: wechatContentCheck(cloud.openapi as unknown as SecurityOpenApi),
      notifier: wechatNotifier(cloud.openapi as unknown as SubscribeOpenApi),
      // This environment's id, read at each call (the platform's context): photos of another environment are refused.
      files: cloudFiles(cloud as unknown as CloudStorage, () => {
        const env = (cloud.getWXContext() as { ENV?: unknown }).ENV;
        return typeof env === 'string' && env !== '' ? env : undefined;
      }),
      codes: wechatCodes(cloud.openapi as unknown as WxacodeOpenApi),
      config: configFromEnv(),
    };
  }
  return deps;
}

/** What the platform says of this invocation (`cloud.getWXContext()`): read inside `main` only. */
export interface WXContext {
  OPENID?: unknown;
  SOURCE?: unknown;
}

export function wxContext(): WXContext {
  return cloud.getWXContext() as WXContext;
}

/** For tests: forget the built adapters so the next call builds them again. */
export function resetForTests() {
  deps = undefined;
}
