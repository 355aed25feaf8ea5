import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../lib/api.js';
import { describeError } from '../../lib/describe-error.js';
import { hrefToLocation } from '../../lib/search-params.js';
import { useLogin } from './use-session.js';

const route = getRouteApi('/login');

/** The server asks for a workspace when the email belongs to several. */
function needsWorkspace(error: unknown): boolean {
  return error instanceof ApiError && error.isAbout('workspace');
}

export function LoginPage() {
  const { redirect } = route.useSearch();
  const navigate = useNavigate();
  const loginMutation = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [workspace, setWorkspace] = useState('');
  const [askWorkspace, setAskWorkspace] = useState(false);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    loginMutation.mutate(
      { email, password, ...(askWorkspace ? { workspace } : {}) },
      {
        onSuccess: () => void navigate({ ...hrefToLocation(redirect ?? '/'), replace: true }),
        onError: (error) => {
          if (needsWorkspace(error)) setAskWorkspace(true);
        },
      },
    );
  };

  const error = loginMutation.error;
  const workspacePrompt = error && needsWorkspace(error) && !workspace;

  return (
    <Center mih="100vh" bg="var(--mantine-color-gray-0)" p="md">
      <Paper withBorder shadow="sm" p="xl" w={400} maw="100%">
        <form onSubmit={onSubmit} noValidate aria-label="Log in">
          <Stack>
            <div>
              <Title order={2}>Tandem</Title>
              <Text c="dimmed" size="sm">
                Log in to your revenue workspace.
              </Text>
            </div>
            {error && !workspacePrompt ? (
              <Alert color="red" variant="light" title="Could not log in" role="alert">
                {describeError(error)}
              </Alert>
            ) : null}
            {workspacePrompt ? (
              <Alert color="blue" variant="light" title="Choose a workspace" role="status">
                This email belongs to several workspaces. Enter the one you want to open.
              </Alert>
            ) : null}
            <TextInput
              label="Email"
              type="email"
              autoComplete="username"
              required
              withAsterisk={false}
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              withAsterisk={false}
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {askWorkspace ? (
              <TextInput
                label="Workspace"
                description="The workspace's short name (slug), e.g. acme"
                required
                withAsterisk={false}
                value={workspace}
                onChange={(e) => setWorkspace(e.currentTarget.value)}
              />
            ) : null}
            <Button type="submit" loading={loginMutation.isPending} disabled={!email || !password}>
              Log in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
