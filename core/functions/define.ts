import type { z } from 'zod';
import type { Deps } from '../deps';
import type { Caller } from '../members/types';

/** One action of a cloud function: its input schema and what it does. */
export interface ActionDef<S extends z.ZodType = z.ZodType> {
  input: S;
  run(deps: Deps, caller: Caller, input: z.infer<S>): Promise<unknown>;
}

/** Declares an action, keeping the input type tied to the schema. */
export const action = <S extends z.ZodType>(input: S, run: (deps: Deps, caller: Caller, input: z.infer<S>) => Promise<unknown>): ActionDef<S> => ({
  input,
  run,
});

export type FunctionDef = Record<string, ActionDef>;
