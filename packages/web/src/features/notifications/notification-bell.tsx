import { ActionIcon, Button, Divider, Group, Indicator, Popover, ScrollArea, Text } from '@mantine/core';
import { useState } from 'react';
import { RouterAnchor } from '../../ui/router-links.js';
import { NotificationList } from './notification-list.js';
import { useLiveNotifications, useMarkAllRead, useMarkRead, useNotifications } from './notifications-api.js';

function BellIcon() {
  return (
    <svg
      width="20"
      height="20"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      aria-hidden="true"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** The header's bell: unread count kept live by the stream, the latest notifications in a dropdown. */
export function NotificationBell() {
  useLiveNotifications();
  const notifications = useNotifications(8);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const [opened, setOpened] = useState(false);
  const unread = notifications.data?.unreadCount ?? 0;

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md">
      <Popover.Target>
        <Indicator
          label={unread > 99 ? '99+' : String(unread)}
          disabled={unread === 0}
          size={18}
          color="red"
          offset={4}
        >
          <ActionIcon
            variant="subtle"
            size="lg"
            aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
            data-testid="notification-bell"
            data-unread={unread}
            onClick={() => setOpened((o) => !o)}
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown aria-label="Latest notifications">
        <Group justify="space-between" mb="xs">
          <Text fw={600}>Notifications</Text>
          <Button size="compact-xs" variant="subtle" disabled={unread === 0} onClick={() => markAll.mutate()}>
            Mark all read
          </Button>
        </Group>
        <ScrollArea.Autosize mah={360}>
          <NotificationList
            items={notifications.data?.items ?? []}
            onOpen={(n) => {
              if (!n.readAt) markRead.mutate([n.id]);
              setOpened(false);
            }}
            onMarkRead={(n) => markRead.mutate([n.id])}
          />
        </ScrollArea.Autosize>
        <Divider my="xs" />
        <RouterAnchor to="/notifications" size="sm" onClick={() => setOpened(false)}>
          See all notifications
        </RouterAnchor>
      </Popover.Dropdown>
    </Popover>
  );
}
