import { newRecordId } from './ids';

/** Who changes an incident and when; domain functions never read the clock themselves. */
export interface ChangeContext {
  at: Date;
  author: string;
  /** Ids for new events and records; default: random. */
  newId?: () => string;
}

export const recordId = (ctx: ChangeContext): string => (ctx.newId ?? newRecordId)();
export const stamp = (ctx: ChangeContext): string => ctx.at.toISOString();
