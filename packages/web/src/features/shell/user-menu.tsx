import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import type { Role } from '@tandem/contracts';
import type { SessionUser, SessionWorkspace } from '../auth/auth-api.js';
import { roleLabel } from './nav-items.js';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts.at(-1)?.[0] ?? '') : '')).toUpperCase() || '?';
}

export function RoleText({ role }: { role: Role }) {
  return (
    <Text size="xs" c="dimmed">
      {roleLabel(role)}
    </Text>
  );
}

export interface UserMenuProps {
  user: SessionUser;
  workspace: SessionWorkspace;
  loggingOut: boolean;
  onLogout: () => void;
}

export function UserMenu({ user, workspace, loggingOut, onLogout }: UserMenuProps) {
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label="User menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar radius="xl" size="sm" color="teal">
              {initials(user.name)}
            </Avatar>
            <div>
              <Text size="sm" fw={500} lh={1.2}>
                {user.name}
              </Text>
              <RoleText role={user.role} />
            </div>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          {user.email}
          <br />
          {workspace.name}
        </Menu.Label>
        <Menu.Divider />
        <Menu.Item color="red" onClick={onLogout} disabled={loggingOut}>
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
