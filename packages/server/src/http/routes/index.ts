import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit.routes.js';
import { authRoutes } from './auth.routes.js';
import { healthRoutes } from './health.routes.js';
import { ingestRoutes } from './ingest.routes.js';
import { leadContractsRoutes } from './lead-contracts.routes.js';
import { leadScoreRoutes } from './lead-score.routes.js';
import { leadsRoutes } from './leads.routes.js';
import { notificationsRoutes } from './notifications.routes.js';
import { sdkRoutes } from './sdk.routes.js';
import { settingsRoutes } from './settings.routes.js';
import { timelineRoutes } from './timeline.routes.js';
import { webhooksRoutes } from './webhooks.routes.js';

/** Every route module, registered in this order. */
export async function registerRoutes(app: FastifyInstance): Promise<void> {
  await app.register(healthRoutes);
  await app.register(authRoutes);
  await app.register(settingsRoutes);
  await app.register(auditRoutes);
  await app.register(leadsRoutes);
  await app.register(leadScoreRoutes);
  await app.register(leadContractsRoutes);
  await app.register(ingestRoutes);
  await app.register(timelineRoutes);
  await app.register(sdkRoutes);
  await app.register(notificationsRoutes);
  await app.register(webhooksRoutes);
}
