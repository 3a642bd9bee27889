// Contract suites for the store interfaces of @guardloop/intake (run by @guardloop/postgres too).
export {};
