/**
 * The stored error code of a record recovery left `failed` because its `do` was interrupted
 * and its effect unconfirmed. Such a record never runs again under its key, so no error an
 * action throws may be stored under this code (`toStoredError` renames it).
 */
export const interruptedErrorCode = 'interrupted';
