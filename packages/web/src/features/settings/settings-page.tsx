import { Stack, Tabs } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { type SettingsTab, settingsTabs } from '../../lib/search-params.js';
import { PageHeader } from '../../ui/page-header.js';
import { useCurrentSession } from '../auth/use-session.js';
import { NoAccess } from '../shell/no-access.js';
import { ApiKeysTab } from './api-keys-tab.js';
import { AvailabilityTab } from './availability-tab.js';
import { BusinessHoursTab } from './business-hours-tab.js';
import { RoutingTab } from './routing-tab.js';
import { TeamsTab } from './teams-tab.js';
import { UsersTab } from './users-tab.js';
import { WebhooksTab } from './webhooks-tab.js';

const route = getRouteApi('/_app/settings');

const tabLabels: Record<SettingsTab, string> = {
  users: 'Users',
  teams: 'Teams',
  'api-keys': 'API keys',
  webhooks: 'Webhooks',
  routing: 'Routing',
  'business-hours': 'Business hours',
  availability: 'Availability',
};

export function SettingsPage() {
  const { user } = useCurrentSession();
  const { tab = 'users' } = route.useSearch();
  const navigate = route.useNavigate();
  if (user.role !== 'admin') return <NoAccess what="workspace settings" />;

  const onChange = (value: string | null) => {
    const next = settingsTabs.find((t) => t === value);
    if (next) void navigate({ search: next === 'users' ? {} : { tab: next } });
  };

  return (
    <Stack gap={0}>
      <PageHeader
        title="Settings"
        description="Users, teams, API keys, webhooks, routing, business hours and availability of this workspace."
      />
      <Tabs value={tab} onChange={onChange} keepMounted={false}>
        <Tabs.List mb="md">
          {settingsTabs.map((t) => (
            <Tabs.Tab key={t} value={t}>
              {tabLabels[t]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="users">
          <UsersTab />
        </Tabs.Panel>
        <Tabs.Panel value="teams">
          <TeamsTab />
        </Tabs.Panel>
        <Tabs.Panel value="api-keys">
          <ApiKeysTab />
        </Tabs.Panel>
        <Tabs.Panel value="webhooks">
          <WebhooksTab />
        </Tabs.Panel>
        <Tabs.Panel value="routing">
          <RoutingTab />
        </Tabs.Panel>
        <Tabs.Panel value="business-hours">
          <BusinessHoursTab />
        </Tabs.Panel>
        <Tabs.Panel value="availability">
          <AvailabilityTab />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
