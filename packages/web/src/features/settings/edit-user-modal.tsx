import {
  Button,
  Group,
  Modal,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import type { Role } from '@tandem/contracts';
import { type FormEvent, useState } from 'react';
import { fieldError } from '../../lib/field-error.js';
import { FormErrorAlert } from '../../ui/form-error-alert.js';
import { isRole, roleOptions, teamOptions } from './role-options.js';
import { type UserStatus, useTeams, useUpdateUser, type WorkspaceUser } from './settings-api.js';
import { changedFields } from './user-changes.js';

const formFields = ['name', 'role', 'teamId', 'status', 'outOfOffice'] as const;

function EditUserForm({ user, onDone }: { user: WorkspaceUser; onDone: () => void }) {
  const teams = useTeams();
  const update = useUpdateUser();
  const [name, setName] = useState(user.name);
  const [role, setRole] = useState<Role>(user.role);
  const [teamId, setTeamId] = useState<string | null>(user.teamId);
  const [status, setStatus] = useState<UserStatus>(user.status);
  const [outOfOffice, setOutOfOffice] = useState(user.outOfOffice);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const changes = changedFields(user, { name, role, teamId, status, outOfOffice });
    if (Object.keys(changes).length === 0) return onDone();
    update.mutate({ id: user.id, changes }, { onSuccess: onDone });
  };

  const error = update.error;
  const roles =
    user.role === 'partner' ? [...roleOptions, { value: 'partner', label: 'Partner' }] : roleOptions;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Edit ${user.name}`}>
      <Stack>
        <Text size="sm" c="dimmed">
          {user.email}
        </Text>
        <FormErrorAlert error={error} fields={formFields} />
        <TextInput
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldError(error, 'name')}
        />
        <Select
          label="Role"
          allowDeselect={false}
          data={roles}
          value={role}
          onChange={(value) => isRole(value) && setRole(value)}
          error={fieldError(error, 'role')}
        />
        <Select
          label="Team"
          placeholder="No team"
          clearable
          data={teamOptions(teams.data)}
          value={teamId}
          onChange={setTeamId}
          error={fieldError(error, 'teamId')}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Status
          </Text>
          <SegmentedControl
            aria-label="Status"
            data={[
              { value: 'active', label: 'Active' },
              { value: 'disabled', label: 'Disabled' },
            ]}
            value={status}
            onChange={(value) => setStatus(value === 'disabled' ? 'disabled' : 'active')}
          />
        </Stack>
        <Switch
          label="Out of office"
          description="Routing skips people who are out of office."
          checked={outOfOffice}
          onChange={(e) => setOutOfOffice(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function EditUserModal({ user, onClose }: { user: WorkspaceUser | null; onClose: () => void }) {
  return (
    <Modal opened={user !== null} onClose={onClose} title="Edit user">
      {user ? <EditUserForm key={user.id} user={user} onDone={onClose} /> : null}
    </Modal>
  );
}
