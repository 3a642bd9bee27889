import { type Clock, type IdGenerator, randomIdGenerator } from '@guardloop/core';
import type { SqlClient } from '@guardloop/postgres';
import { createConsoleServices } from './app/console-services';
import { defaultReviewers, type Reviewer } from './app/reviewers';
import { createConsoleApp } from './server/create-console-app';
import { createLiveSimulation } from './simulation/live-simulation';

export interface CreateConsoleOptions {
  client: SqlClient;
  clock: Clock;
  idGenerator?: IdGenerator;
  reviewers?: Reviewer[];
  sessionSecret: string;
  seed?: number;
  runTag?: string;
}

/** The whole console: guardloop services, the live help desk and the HTTP app over them. */
export async function createConsole(options: CreateConsoleOptions) {
  const services = await createConsoleServices({
    client: options.client,
    clock: options.clock,
    idGenerator: options.idGenerator ?? randomIdGenerator,
  });
  const simulation = createLiveSimulation(services, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.runTag === undefined ? {} : { runTag: options.runTag }),
  });
  const app = createConsoleApp({
    services,
    simulation,
    reviewers: options.reviewers ?? defaultReviewers,
    sessionSecret: options.sessionSecret,
  });
  return { services, simulation, app };
}

export type Console = Awaited<ReturnType<typeof createConsole>>;
