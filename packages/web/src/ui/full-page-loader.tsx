import { Center, Loader } from '@mantine/core';

export function FullPageLoader({ label }: { label: string }) {
  return (
    <Center h="100vh" aria-busy="true" aria-label={label}>
      <Loader />
    </Center>
  );
}
