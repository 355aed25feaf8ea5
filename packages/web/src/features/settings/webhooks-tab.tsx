import {
  Alert,
  Badge,
  Button,
  Center,
  Code,
  CopyButton,
  Group,
  Loader,
  Modal,
  MultiSelect,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { fieldError } from '../../lib/field-error.js';
import { formatDateTime } from '../../lib/format.js';
import { ErrorAlert } from '../../ui/error-alert.js';
import { FormErrorAlert } from '../../ui/form-error-alert.js';
import {
  type CreatedWebhook,
  type DeliveryStatus,
  useCreateWebhook,
  useDeleteWebhook,
  useDeliveries,
  useReplayDelivery,
  useSendTestEvent,
  useUpdateWebhook,
  useWebhookEventTypes,
  useWebhooks,
  type Webhook,
  type WebhookDelivery,
} from './webhooks-api.js';

const statusColor: Record<DeliveryStatus, string> = { pending: 'yellow', delivered: 'green', dead: 'red' };

function DeliveryBadge({ delivery }: { delivery: WebhookDelivery | null }) {
  if (!delivery)
    return (
      <Text c="dimmed" size="sm">
        None yet
      </Text>
    );
  return (
    <Group gap={6} wrap="nowrap">
      <Badge color={statusColor[delivery.status]} variant="light">
        {delivery.status}
      </Badge>
      <Text size="xs" c="dimmed">
        {delivery.lastStatusCode ?? ''} {delivery.eventType}
      </Text>
    </Group>
  );
}

/** Webhook endpoints: create (secret shown once), last delivery, deliveries with dead letters and replay, test. */
export function WebhooksTab() {
  const webhooks = useWebhooks();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [viewing, setViewing] = useState<Webhook | null>(null);
  const test = useSendTestEvent();
  const update = useUpdateWebhook();
  const remove = useDeleteWebhook();

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          Tandem POSTs signed JSON to these URLs when leads and requests change. Private and loopback
          addresses are refused.
        </Text>
        <Button onClick={() => setCreating(true)}>Add webhook</Button>
      </Group>
      {webhooks.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading webhooks" />
        </Center>
      ) : webhooks.isError ? (
        <ErrorAlert
          error={webhooks.error}
          title="Webhooks could not be loaded"
          onRetry={() => void webhooks.refetch()}
        />
      ) : webhooks.data.length === 0 ? (
        <Text c="dimmed">No webhooks yet.</Text>
      ) : (
        <Table.ScrollContainer minWidth={820}>
          <Table striped aria-label="Webhooks">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>URL</Table.Th>
                <Table.Th>Events</Table.Th>
                <Table.Th>Last delivery</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {webhooks.data.map((w) => (
                <Table.Tr key={w.id}>
                  <Table.Td style={{ wordBreak: 'break-all' }}>
                    {w.url}
                    {w.description ? (
                      <Text size="xs" c="dimmed">
                        {w.description}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{w.events.join(', ')}</Table.Td>
                  <Table.Td>
                    <DeliveryBadge delivery={w.lastDelivery} />
                  </Table.Td>
                  <Table.Td>
                    <Badge color={w.active ? 'green' : 'gray'} variant="light">
                      {w.active ? 'active' : 'disabled'}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => test.mutate(w.id)}
                        aria-label={`Send test to ${w.url}`}
                      >
                        Send test
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setViewing(w)}
                        aria-label={`Deliveries of ${w.url}`}
                      >
                        Deliveries
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => update.mutate({ id: w.id, active: !w.active })}
                      >
                        {w.active ? 'Disable' : 'Enable'}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => remove.mutate(w.id)}
                        aria-label={`Delete ${w.url}`}
                      >
                        Delete
                      </Button>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateWebhookModal opened={creating} onClose={() => setCreating(false)} onCreated={setCreated} />
      <CreatedSecretModal created={created} onClose={() => setCreated(null)} />
      <DeliveriesModal webhook={viewing} onClose={() => setViewing(null)} />
    </Stack>
  );
}

function CreateWebhookModal({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (w: CreatedWebhook) => void;
}) {
  const create = useCreateWebhook();
  const types = useWebhookEventTypes();
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['*']);
  const [description, setDescription] = useState('');
  const options = ['*', 'lead.*', 'sla.*', 'request.*', ...(types.data ?? [])];
  const close = () => {
    create.reset();
    setUrl('');
    setEvents(['*']);
    setDescription('');
    onClose();
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      { url: url.trim(), events, ...(description.trim() ? { description: description.trim() } : {}) },
      {
        onSuccess: (w) => {
          close();
          onCreated(w);
        },
      },
    );
  };
  return (
    <Modal opened={opened} onClose={close} title="Add a webhook">
      <form onSubmit={onSubmit} noValidate aria-label="Add a webhook">
        <Stack>
          <FormErrorAlert error={create.error} fields={['url', 'events']} />
          <TextInput
            label="URL"
            placeholder="https://example.com/tandem-webhook"
            required
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={fieldError(create.error, 'url')}
          />
          <MultiSelect
            label="Events"
            description="* for every event; lead.*, sla.* and request.* for a family"
            data={[...new Set(options)]}
            value={events}
            onChange={setEvents}
            searchable
            error={fieldError(create.error, 'events')}
          />
          <TextInput
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create webhook
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The only time the signing secret is visible. */
function CreatedSecretModal({ created, onClose }: { created: CreatedWebhook | null; onClose: () => void }) {
  return (
    <Modal
      opened={created !== null}
      onClose={onClose}
      title="Your webhook's signing secret"
      closeOnClickOutside={false}
    >
      {created ? (
        <Stack>
          <Alert color="yellow" variant="light" title="Copy it now">
            The secret is shown only once. Your receiver uses it to verify the Tandem-Signature header.
          </Alert>
          <Code block data-testid="created-webhook-secret" style={{ wordBreak: 'break-all' }}>
            {created.secret}
          </Code>
          <Group justify="flex-end">
            <CopyButton value={created.secret}>
              {({ copied, copy }) => (
                <Button variant="light" color={copied ? 'green' : undefined} onClick={copy}>
                  {copied ? 'Copied' : 'Copy secret'}
                </Button>
              )}
            </CopyButton>
            <Button onClick={onClose}>Done</Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}

function DeliveriesModal({ webhook, onClose }: { webhook: Webhook | null; onClose: () => void }) {
  const [filter, setFilter] = useState<'all' | 'dead'>('all');
  const deliveries = useDeliveries(webhook?.id ?? null, filter === 'dead' ? 'dead' : null);
  const replay = useReplayDelivery();
  return (
    <Modal opened={webhook !== null} onClose={onClose} title="Deliveries" size="xl">
      <Stack>
        <SegmentedControl
          aria-label="Which deliveries"
          data={[
            { value: 'all', label: 'All' },
            { value: 'dead', label: 'Dead letters' },
          ]}
          value={filter}
          onChange={(v) => setFilter(v === 'dead' ? 'dead' : 'all')}
        />
        {deliveries.isPending ? (
          <Loader aria-label="Loading deliveries" />
        ) : deliveries.isError ? (
          <ErrorAlert error={deliveries.error} title="Deliveries could not be loaded" />
        ) : deliveries.data.length === 0 ? (
          <Text c="dimmed">{filter === 'dead' ? 'No dead letters.' : 'No deliveries yet.'}</Text>
        ) : (
          <Table aria-label="Deliveries">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Event</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Attempts</Table.Th>
                <Table.Th>Last error</Table.Th>
                <Table.Th>Created</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.data.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>{d.eventType}</Table.Td>
                  <Table.Td>
                    <DeliveryBadge delivery={d} />
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{d.lastError ?? ''}</Text>
                  </Table.Td>
                  <Table.Td>{formatDateTime(d.createdAt)}</Table.Td>
                  <Table.Td>
                    {d.status === 'pending' ? null : (
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() =>
                          replay.mutate(
                            { endpointId: d.endpointId, id: d.id },
                            { onSuccess: () => void deliveries.refetch() },
                          )
                        }
                      >
                        Replay
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Modal>
  );
}
