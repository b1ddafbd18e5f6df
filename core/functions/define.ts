import type { z } from 'zod';
import type { Deps } from '../deps';
import type { Caller } from '../members/types';

/** Documents read by collection and id. */
export type Reads = ReadonlyArray<readonly [collection: string, id: string]>;

/** One action of a cloud function: its input schema and what it does. */
export interface ActionDef<S extends z.ZodType = z.ZodType> {
  input: S;
  run(deps: Deps, caller: Caller, input: z.infer<S>): Promise<unknown>;
  /**
   * Documents the action reads first, named by its input and the caller's openid alone: the
   * dispatcher reads them in the same round as the caller (core/dispatch.ts), and the
   * action's first `get` of each is answered from that read.
   */
  reads?(input: z.infer<S>, openid: string): Reads;
  /**
   * `openid`: the action uses only the caller's verified openid, never the role, so the
   * dispatcher does not look the caller up (one round less); it runs as a resident with that
   * openid.
   */
  caller?: 'openid';
}

export interface ActionOptions<S extends z.ZodType> {
  reads?: (input: z.infer<S>, openid: string) => Reads;
  caller?: 'openid';
}

/** Declares an action, keeping the input type tied to the schema. */
export const action = <S extends z.ZodType>(
  input: S,
  run: (deps: Deps, caller: Caller, input: z.infer<S>) => Promise<unknown>,
  options: ActionOptions<S> | ActionOptions<S>['reads'] = {},
): ActionDef<S> => ({
  input,
  run,
  ...(typeof options === 'function' ? { reads: options } : options),
});

export type FunctionDef = Record<string, ActionDef>;
