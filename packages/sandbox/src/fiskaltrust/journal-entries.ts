import { randomUUID } from 'node:crypto';
import { type ActionJournalEntry, toTicks } from '@tillkit/models';

/** An action-journal line (queue lifecycle events and warnings); `type` is the receipt case that caused it. */
export function actionEntry(input: {
  queueId: string;
  queueItemId?: string;
  now: Date;
  type: bigint;
  message: string;
  priority?: number;
}): ActionJournalEntry {
  return {
    ftActionJournalId: randomUUID(),
    ftQueueId: input.queueId,
    ...(input.queueItemId === undefined ? {} : { ftQueueItemId: input.queueItemId }),
    Moment: input.now.toISOString(),
    Priority: input.priority ?? 0,
    Type: `0x${input.type.toString(16).toUpperCase()}`,
    Message: input.message,
    TimeStamp: toTicks(input.now),
  };
}
