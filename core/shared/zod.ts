/**
 * The part of zod the schemas use, as one namespace: validation.ts exports it as `z`.
 *
 * A bundle that holds zod's own `z` namespace (`import { z } from 'zod'` re-exported, or passed
 * around as a value) keeps everything that namespace exports, its 64 locales (≈290 KB) among
 * them, because esbuild cannot tell which of a namespace object's properties are used. A
 * namespace of named re-exports keeps only the names below and what they need. When a schema
 * needs more of zod, add the name here.
 */
export {
  array,
  boolean,
  config,
  discriminatedUnion,
  enum,
  int,
  iso,
  literal,
  null,
  nullable,
  number,
  object,
  optional,
  record,
  string,
  tuple,
  union,
  unknown,
} from 'zod';
export type { infer, input, output, ZodError, ZodRawShape, ZodType } from 'zod';
