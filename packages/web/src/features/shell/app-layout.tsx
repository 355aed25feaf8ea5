import { AppShell, Burger, Group, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Outlet, useLocation, useRouter } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { safeRedirect } from '../../lib/search-params.js';
import { FullPageLoader } from '../../ui/full-page-loader.js';
import { RouterNavLink } from '../../ui/router-links.js';
import { useLogout, useSession } from '../auth/use-session.js';
import { NotificationBell } from '../notifications/notification-bell.js';
import { navItemsFor } from './nav-items.js';
import { UserMenu } from './user-menu.js';

/** The shell around every page behind login: header, role-aware navigation, content. */
export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const router = useRouter();
  const [opened, { toggle, close }] = useDisclosure();

  const logout = useLogout();
  const loggedOutByUser = useRef(false);

  const loggedOut = session.data === null;
  // The session ended: back to the login page, once. When it ended by itself (idle timeout,
  // disabled elsewhere) the user returns to this page after logging in again.
  useEffect(() => {
    if (!loggedOut) return;
    const back = loggedOutByUser.current ? undefined : safeRedirect(router.state.location.href);
    void router.navigate({
      to: '/login',
      search: back && back !== '/' ? { redirect: back } : {},
      replace: true,
    });
  }, [loggedOut, router]);

  if (!session.data) return <FullPageLoader label="Loading your workspace" />;

  const { user, workspace } = session.data;
  const items = navItemsFor(user.role);
  const isActive = (to: string) =>
    to === '/' ? location.pathname === '/' : location.pathname.startsWith(to);

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Text fw={700} size="lg">
              Tandem
            </Text>
            <Text c="dimmed" size="sm" visibleFrom="xs">
              {workspace.name}
            </Text>
          </Group>
          <Group gap="xs">
            <NotificationBell />
            <UserMenu
              user={user}
              workspace={workspace}
              loggingOut={logout.isPending}
              onLogout={() => {
                loggedOutByUser.current = true;
                logout.mutate();
              }}
            />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label="Main navigation">
        {items.map((item) => (
          <RouterNavLink
            key={item.to}
            to={item.to}
            label={item.label}
            active={isActive(item.to)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
