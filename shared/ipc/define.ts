import type { z } from 'zod';

// A channel pairs the zod schema of its input with the (type-only) shape of its output.
export interface ChannelDef<I extends z.ZodType, O> {
  readonly input: I;
  readonly output?: [O]; // phantom: carries the type only (a tuple, so null stays part of O)
}

export function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input });
}

export type AnyChannels = Record<string, ChannelDef<z.ZodType, unknown>>;
