import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import type { Role } from '@tandem/contracts';
import { type FormEvent, useState } from 'react';
import { fieldError } from '../../lib/field-error.js';
import { FormErrorAlert } from '../../ui/form-error-alert.js';
import { isRole, roleOptions, teamOptions } from './role-options.js';
import { useCreateUser, useTeams } from './settings-api.js';

const formFields = ['email', 'name', 'role', 'team', 'password'] as const;

export function CreateUserModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const teams = useTeams();
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('sales_rep');
  const [team, setTeam] = useState<string | null>(null);
  const [password, setPassword] = useState('');

  const close = () => {
    create.reset();
    setEmail('');
    setName('');
    setRole('sales_rep');
    setTeam(null);
    setPassword('');
    onClose();
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(
      { email, name, role, ...(team ? { team } : {}), ...(password ? { password } : {}) },
      { onSuccess: close },
    );
  };

  const error = create.error;
  return (
    <Modal opened={opened} onClose={close} title="Add a user">
      <form onSubmit={onSubmit} noValidate aria-label="Add a user">
        <Stack>
          <FormErrorAlert error={error} fields={formFields} />
          <TextInput
            label="Email"
            type="email"
            required
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={fieldError(error, 'email')}
          />
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fieldError(error, 'name')}
          />
          <Select
            label="Role"
            required
            allowDeselect={false}
            data={roleOptions}
            value={role}
            onChange={(value) => isRole(value) && setRole(value)}
            error={fieldError(error, 'role')}
          />
          <Select
            label="Team"
            placeholder="No team"
            clearable
            data={teamOptions(teams.data)}
            value={team}
            onChange={setTeam}
            error={fieldError(error, 'team')}
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters. Leave empty to create a user who cannot log in yet."
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={fieldError(error, 'password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!email || !name}>
              Create user
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
