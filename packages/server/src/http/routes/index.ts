import type { FastifyInstance } from 'fastify';
import { healthRoutes } from './health.routes.js';
import { ingestRoutes } from './ingest.routes.js';
import { sdkRoutes } from './sdk.routes.js';

/** Every route module, registered in this order. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(ingestRoutes);
  await app.register(sdkRoutes);
}
