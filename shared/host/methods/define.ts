import type { z } from 'zod';

/** One host method: the schema its input must pass and the schema of its result. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
}

/** Keeps the literal method names while checking each entry is a MethodSpec. */
export function defineMethods<T extends Record<string, MethodSpec>>(methods: T): T {
  return methods;
}
