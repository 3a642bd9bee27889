// The calendar moved to @guardloop/core (one calendar for inbox and intake SLAs); kept here so
// that inbox's root export stays the same value.
export {
  type BusinessCalendar,
  type BusinessCalendarOptions,
  createBusinessCalendar,
} from '@guardloop/core';
