import { AppShell, Burger, Center, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Navigate, Outlet, useLocation } from '@tanstack/react-router';
import { ErrorAlert } from '../../ui/error-alert.js';
import { FullPageLoader } from '../../ui/full-page-loader.js';
import { RouterNavLink } from '../../ui/router-links.js';
import { useSession } from '../auth/use-session.js';
import { navItemsFor } from './nav-items.js';
import { UserMenu } from './user-menu.js';

/** The shell around every page behind login: header, role-aware navigation, content. */
export function AppLayout() {
  const session = useSession();
  const location = useLocation();
  const [opened, { toggle, close }] = useDisclosure();

  if (session.isPending) return <FullPageLoader label="Loading your workspace" />;
  if (session.isError) {
    return (
      <Center h="100vh" p="md">
        <Stack w={480}>
          <ErrorAlert
            error={session.error}
            title="Tandem could not load"
            onRetry={() => void session.refetch()}
          />
        </Stack>
      </Center>
    );
  }
  if (!session.data) {
    const redirect = location.href === '/' ? undefined : location.href;
    return <Navigate to="/login" search={redirect ? { redirect } : {}} replace />;
  }

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
          <UserMenu user={user} workspace={workspace} />
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
