import { Button, Center, Group, Loader, Stack } from '@mantine/core';
import { ErrorAlert } from '../../ui/error-alert.js';
import { PageHeader } from '../../ui/page-header.js';
import { NotificationList } from './notification-list.js';
import { useMarkAllRead, useMarkRead, useNotifications } from './notifications-api.js';

/** All my notifications (the latest 100), newest first. */
export function NotificationsPage() {
  const notifications = useNotifications(100);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  return (
    <Stack>
      <PageHeader
        title="Notifications"
        description="What happened to your leads and requests, newest first."
      />
      <Group justify="flex-end">
        <Button
          variant="light"
          disabled={(notifications.data?.unreadCount ?? 0) === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
        >
          Mark all read
        </Button>
      </Group>
      {notifications.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading notifications" />
        </Center>
      ) : notifications.isError ? (
        <ErrorAlert
          error={notifications.error}
          title="Notifications could not be loaded"
          onRetry={() => void notifications.refetch()}
        />
      ) : (
        <NotificationList
          items={notifications.data.items}
          onOpen={(n) => {
            if (!n.readAt) markRead.mutate([n.id]);
          }}
          onMarkRead={(n) => markRead.mutate([n.id])}
        />
      )}
    </Stack>
  );
}
