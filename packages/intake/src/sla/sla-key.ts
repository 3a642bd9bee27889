import { storableTextSchema } from '@guardloop/core/internal';

/** Ids and field values of the SLA data: short, storable text (they end up in keys and rows). */
export const slaKeySchema = storableTextSchema({ label: 'SLA key', maxBytes: 200 });
