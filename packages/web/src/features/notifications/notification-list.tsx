import { Anchor, Badge, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { formatDateTime } from '../../lib/format.js';
import type { AppNotification } from './notifications-api.js';

/** Notifications as a list: title linking to the subject, body, time; unread ones marked. */
export function NotificationList({
  items,
  onOpen,
  onMarkRead,
}: {
  items: AppNotification[];
  onOpen?: (n: AppNotification) => void;
  onMarkRead?: (n: AppNotification) => void;
}) {
  if (items.length === 0) return <Text c="dimmed">No notifications yet.</Text>;
  return (
    <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {items.map((n) => (
        <li key={n.id} data-unread={n.readAt === null ? 'true' : undefined}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Anchor href={n.link} fw={n.readAt ? 400 : 600} size="sm" onClick={() => onOpen?.(n)}>
                {n.title}
              </Anchor>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {n.body}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(n.occurredAt)}
              </Text>
            </Stack>
            {n.readAt === null ? (
              onMarkRead ? (
                <UnstyledButton
                  style={{ flexShrink: 0 }}
                  onClick={() => onMarkRead(n)}
                  aria-label={`Mark “${n.title}” read`}
                >
                  <Badge size="xs" variant="light">
                    new
                  </Badge>
                </UnstyledButton>
              ) : (
                <Badge size="xs" variant="light">
                  new
                </Badge>
              )
            ) : null}
          </Group>
        </li>
      ))}
    </Stack>
  );
}
