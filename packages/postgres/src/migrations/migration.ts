/** One idempotent step of guardloop's database layout, applied once per schema. */
export interface Migration {
  /** Stable and unique, e.g. `0001_undo_log`; recorded in `guardloop_migrations`. */
  id: string;
  /** SQL statements for a validated schema name. */
  statements(schema: string): string[];
}
