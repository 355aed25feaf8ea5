import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { parseAttributionSearch } from './features/attribution/attribution-search.js';
import { LoginPage } from './features/auth/login-page.js';
import { sessionQuery } from './features/auth/use-session.js';
import { ContentPage } from './features/content/content-page.js';
import { parseVersionSearch } from './features/contract/contract-search.js';
import { parseGoalsSearch } from './features/goals/goals-search.js';
import { InboxPage } from './features/handoff/inbox-page.js';
import { HomePage } from './features/home/home-page.js';
import { LeadPage } from './features/lead/lead-page.js';
import { LeadsPage } from './features/leads/leads-page.js';
import { NotificationsPage } from './features/notifications/notifications-page.js';
import { PartnerDealsPage } from './features/partner/partner-deals-page.js';
import { RequestsPage } from './features/requests/requests-page.js';
import { ReturnedPage } from './features/returned/returned-page.js';
import { SettingsPage } from './features/settings/settings-page.js';
import { AppLayout } from './features/shell/app-layout.js';
import { NotFoundPage } from './features/shell/not-found-page.js';
import { RouteErrorPage } from './features/shell/route-error-page.js';
import { TeamPage } from './features/team/team-page.js';
import {
  hrefToLocation,
  parseLeadsSearch,
  parseLoginSearch,
  parseSettingsSearch,
  safeRedirect,
} from './lib/search-params.js';

export interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: parseLoginSearch,
  beforeLoad: async ({ context, search }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (session) throw redirect({ ...hrefToLocation(search.redirect ?? '/'), replace: true });
  },
  component: LoginPage,
});

// Every page behind login shares the shell; visitors without a session go to /login and come back after.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: '_app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) {
      const back = location.href === '/' ? undefined : safeRedirect(location.href);
      throw redirect({ to: '/login', search: back ? { redirect: back } : {}, replace: true });
    }
  },
  component: AppLayout,
});

const homeRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });
const leadsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads',
  validateSearch: parseLeadsSearch,
  component: LeadsPage,
});
const partnerDealsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partner-deals',
  component: PartnerDealsPage,
});
const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  validateSearch: parseSettingsSearch,
  component: SettingsPage,
});

const leadRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads/$id',
  component: LeadPage,
});
// The contract pages (editor, YAML parser, charts) load on first visit, keeping the main bundle small.
const contractsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contract',
  component: lazyRouteComponent(() => import('./features/contract/contracts-page.js'), 'ContractsPage'),
});
const contractVersionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contract/$version',
  validateSearch: parseVersionSearch,
  component: lazyRouteComponent(
    () => import('./features/contract/contract-version-page.js'),
    'ContractVersionPage',
  ),
});

const notificationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/notifications',
  component: NotificationsPage,
});

// The closed-loop pages (campaigns, attribution, opportunities, imports) load on first visit.
const campaignsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns',
  component: lazyRouteComponent(() => import('./features/campaigns/campaigns-page.js'), 'CampaignsPage'),
});
const campaignRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns/$id',
  component: lazyRouteComponent(() => import('./features/campaigns/campaign-page.js'), 'CampaignPage'),
});
const attributionRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/attribution',
  validateSearch: parseAttributionSearch,
  component: lazyRouteComponent(
    () => import('./features/attribution/attribution-page.js'),
    'AttributionPage',
  ),
});
const opportunitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/opportunities',
  component: lazyRouteComponent(
    () => import('./features/opportunities/opportunities-page.js'),
    'OpportunitiesPage',
  ),
});
const opportunityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/opportunities/$id',
  component: lazyRouteComponent(
    () => import('./features/opportunities/opportunity-page.js'),
    'OpportunityPage',
  ),
});
const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports',
  component: lazyRouteComponent(() => import('./features/imports/imports-page.js'), 'ImportsPage'),
});
const teamRoute = createRoute({ getParentRoute: () => appRoute, path: '/team', component: TeamPage });
const returnedRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/returned',
  component: ReturnedPage,
});
const requestsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/requests',
  component: RequestsPage,
});
const inboxRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/inbox',
  component: InboxPage,
});
const contentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/content',
  component: ContentPage,
});
// Notifications about an asset link to /assets/<id>: the library shows it.
const assetRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/assets/$id',
  beforeLoad: () => {
    throw redirect({ to: '/content', replace: true });
  },
});

// The report pages (cohorts, forecast) and the goal planner load on first visit.
const cohortsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports/cohorts',
  component: lazyRouteComponent(() => import('./features/cohorts/cohorts-page.js'), 'CohortsPage'),
});
const forecastRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports/forecast',
  component: lazyRouteComponent(() => import('./features/forecast/forecast-page.js'), 'ForecastPage'),
});
const goalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/goals',
  validateSearch: parseGoalsSearch,
  component: lazyRouteComponent(() => import('./features/goals/goals-page.js'), 'GoalsPage'),
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    homeRoute,
    leadsRoute,
    partnerDealsRoute,
    settingsRoute,
    leadRoute,
    contractsRoute,
    contractVersionRoute,
    notificationsRoute,
    campaignsRoute,
    campaignRoute,
    attributionRoute,
    opportunitiesRoute,
    opportunityRoute,
    importsRoute,
    teamRoute,
    returnedRoute,
    requestsRoute,
    inboxRoute,
    contentRoute,
    assetRoute,
    cohortsRoute,
    forecastRoute,
    goalsRoute,
  ]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultNotFoundComponent: NotFoundPage,
    defaultPreload: 'intent',
    // Data freshness is TanStack Query's job; the router only guards and renders.
    defaultPreloadStaleTime: 0,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
