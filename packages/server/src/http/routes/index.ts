import type { FastifyInstance } from 'fastify';
import { auditRoutes } from './audit.routes.js';
import { authRoutes } from './auth.routes.js';
import { campaignsRoutes } from './campaigns.routes.js';
import { healthRoutes } from './health.routes.js';
import { importsRoutes } from './imports.routes.js';
import { ingestRoutes } from './ingest.routes.js';
import { leadContractAnalysisRoutes } from './lead-contract-analysis.routes.js';
import { leadContractsRoutes } from './lead-contracts.routes.js';
import { leadScoreRoutes } from './lead-score.routes.js';
import { leadsRoutes } from './leads.routes.js';
import { notificationsRoutes } from './notifications.routes.js';
import { opportunitiesRoutes } from './opportunities.routes.js';
import { reportsRoutes } from './reports.routes.js';
import { reportsAttributionRoutes } from './reports-attribution.routes.js';
import { requestsRoutes } from './requests.routes.js';
import { routingRoutes } from './routing.routes.js';
import { salesActionsRoutes } from './sales-actions.routes.js';
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
  await app.register(leadContractAnalysisRoutes);
  await app.register(leadContractsRoutes);
  await app.register(campaignsRoutes);
  await app.register(reportsAttributionRoutes);
  await app.register(notificationsRoutes);
  await app.register(webhooksRoutes);
  await app.register(importsRoutes);
  await app.register(opportunitiesRoutes);
  await app.register(ingestRoutes);
  await app.register(timelineRoutes);
  await app.register(sdkRoutes);
  await app.register(salesActionsRoutes);
  await app.register(routingRoutes);
  await app.register(requestsRoutes);
  await app.register(reportsRoutes);
}
