// Public root of @guardloop/otel.
export {};
