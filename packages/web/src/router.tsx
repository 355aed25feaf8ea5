import { createRootRoute, createRoute, createRouter, Outlet } from '@tanstack/react-router';
import { LoginPage } from './features/auth/login-page.js';
import { HomePage } from './features/home/home-page.js';
import { LeadsPage } from './features/leads/leads-page.js';
import { PartnerDealsPage } from './features/partner/partner-deals-page.js';
import { SettingsPage } from './features/settings/settings-page.js';
import { AppLayout } from './features/shell/app-layout.js';
import { NotFoundPage } from './features/shell/not-found-page.js';
import { parseLeadsSearch, parseLoginSearch, parseSettingsSearch } from './lib/search-params.js';

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFoundPage });

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: parseLoginSearch,
  component: LoginPage,
});

// Every page behind login shares the shell; the layout sends visitors without a session to /login.
const appRoute = createRoute({ getParentRoute: () => rootRoute, id: '_app', component: AppLayout });

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

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([homeRoute, leadsRoute, partnerDealsRoute, settingsRoute]),
]);

export function createAppRouter() {
  return createRouter({ routeTree, defaultNotFoundComponent: NotFoundPage, defaultPreload: 'intent' });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
