import { createDispatcher } from '../core/dispatch';
import type { FunctionDef } from '../core/functions/define';
import { cloudDeps, wxContext } from './runtime';

/**
 * The `main` of a callable function over its own actions only: identity from the verified
 * WeChat context (never from the event).
 */
export function callable(name: string, actions: FunctionDef) {
  const functions = { [name]: actions };
  return async (event: unknown) => {
    const { OPENID } = wxContext();
    return createDispatcher(cloudDeps(), functions).call(name, event, OPENID === undefined || OPENID === null ? undefined : String(OPENID));
  };
}
