// Plumbing for the packages that implement the undo log's store contract (the PostgreSQL store)
// or share its storage limits: stable enough for them, not the public API. Everything here may
// change in a minor release; hosts import from the root.

export { parseStoredRecord } from '../record/parse-stored-record';
export {
  storableJsonIssue,
  storableJsonSchema,
  storableLimits,
  storableTextSchema,
  unstorableStringReason,
} from '../record/storable-values';
export {
  storableNewRecordSchema,
  storablePatchFields,
  storablePatchSchema,
  undoLogStoreArgumentSchemas,
} from '../store/undo-log-store-arguments';
