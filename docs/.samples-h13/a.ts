import { createInbox } from '@guardloop/inbox'; const x: number = createInbox; export {};
