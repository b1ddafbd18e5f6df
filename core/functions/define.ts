import type { z } from 'zod';
import type { Deps } from '../deps';
import type { Caller } from '../members/types';

/** One action of a cloud function: its input schema and what it does. */
export interface ActionDef<S extends z.ZodType = z.ZodType> {
  input: S;
  run(deps: Deps, caller: Caller, input: z.infer<S>): Promise<unknown>;
  /**
   * Documents the action reads first, named by its input alone: the dispatcher reads them in
   * the same round as the caller (core/dispatch.ts), and the action's first `get` of each is
   * answered from that read.
   */
  reads?(input: z.infer<S>): ReadonlyArray<readonly [collection: string, id: string]>;
}

/** Declares an action, keeping the input type tied to the schema. */
export const action = <S extends z.ZodType>(
  input: S,
  run: (deps: Deps, caller: Caller, input: z.infer<S>) => Promise<unknown>,
  reads?: (input: z.infer<S>) => ReadonlyArray<readonly [collection: string, id: string]>,
): ActionDef<S> => ({
  input,
  run,
  ...(reads ? { reads } : {}),
});

export type FunctionDef = Record<string, ActionDef>;
