import {
  Alert,
  Button,
  Code,
  Group,
  List,
  Modal,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useBlocker } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../ui/error-alert.js';
import { BacktestPanel } from './backtest-panel.js';
import { useSaveDraft } from './contract-api.js';
import { type ContractProblem, pathToPointer, unplacedProblems, yamlErrorLine } from './contract-pointer.js';
import type { ContractVersion } from './contract-types.js';
import { contractProblems, fromLocalInput, toLocalInput } from './draft-problems.js';
import { formHasField } from './form-fields.js';
import type { FormContext } from './form-inputs.js';
import {
  AcceptanceSection,
  FitSection,
  GeneralSection,
  InterestSection,
  MqlSection,
  SlaSection,
} from './form-sections.js';
import { applyYamlEdit, documentToYaml, parseYamlText, type YamlEdit } from './yaml-sync.js';

type View = 'form' | 'yaml';

function ProblemList({ problems, title }: { problems: readonly ContractProblem[]; title: string }) {
  if (problems.length === 0) return null;
  return (
    <Alert color="red" variant="light" title={title} role="alert">
      <List size="sm" spacing={4} aria-label="Contract problems">
        {problems.map((p) => {
          const line = p.field === '/yaml' ? yamlErrorLine(p.detail) : null;
          return (
            <List.Item key={`${p.field}:${p.detail}`}>
              <Code>{p.field}</Code> {p.detail}
              {line ? ` (line ${line})` : ''}
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}

function LeaveGuard({ dirty }: { dirty: boolean }) {
  const blocker = useBlocker({
    shouldBlockFn: () => dirty,
    enableBeforeUnload: () => dirty,
    withResolver: true,
  });
  return (
    <Modal
      opened={blocker.status === 'blocked'}
      onClose={() => blocker.reset?.()}
      title="Leave without saving?"
      centered
    >
      <Stack>
        <Text size="sm">This draft has changes that are not saved. They are lost if you leave.</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => blocker.reset?.()}>
            Stay
          </Button>
          <Button color="red" onClick={() => blocker.proceed?.()}>
            Leave
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/**
 * The editor of a draft: a form and the raw YAML over one text, so the two never disagree. Saving
 * sends the text; the server validates it and names each problem by JSON pointer, shown at its
 * input in the form and as a list in the YAML view.
 */
export function ContractEditor({ version }: { version: ContractVersion }) {
  const initial = useMemo(() => version.source ?? documentToYaml(version.document), [version]);
  const [text, setText] = useState(initial);
  const [saved, setSaved] = useState({
    text: initial,
    note: version.note ?? '',
    effectiveAt: toLocalInput(version.effectiveAt),
  });
  const [note, setNote] = useState(saved.note);
  const [effectiveAt, setEffectiveAt] = useState(saved.effectiveAt);
  const [view, setView] = useState<View>('form');
  const [problems, setProblems] = useState<ContractProblem[]>([]);
  const save = useSaveDraft(version.version);
  const parsed = useMemo(() => parseYamlText(text), [text]);
  const dirty = text !== saved.text || note !== saved.note || effectiveAt !== saved.effectiveAt;

  const edit = (change: YamlEdit) => {
    // The form only shows for text that parses, so an edit that cannot apply leaves the text as is.
    setText((current) => {
      try {
        return applyYamlEdit(current, change);
      } catch {
        return current;
      }
    });
    const pointer = pathToPointer(change.path);
    setProblems((list) => list.filter((p) => p.field !== pointer));
  };
  const ctx: FormContext = { document: parsed.ok ? parsed.document : null, problems, edit };

  const onSave = () => {
    setProblems([]);
    const sent = { text, note, effectiveAt };
    save.mutate(
      { yaml: text, note: note.trim() ? note.trim() : null, effectiveAt: fromLocalInput(effectiveAt) },
      {
        onSuccess: () => setSaved(sent),
        onError: (error) => setProblems(contractProblems(error)),
      },
    );
  };
  const otherFailure = save.isError && contractProblems(save.error).length === 0;
  const unplaced = unplacedProblems(problems, formHasField);

  return (
    <Stack>
      <LeaveGuard dirty={dirty} />
      <Group justify="space-between">
        <SegmentedControl
          aria-label="Editor view"
          value={view}
          onChange={(v) => setView(v === 'yaml' ? 'yaml' : 'form')}
          data={[
            { value: 'form', label: 'Form' },
            { value: 'yaml', label: 'YAML' },
          ]}
        />
        <Group gap="xs">
          {dirty ? (
            <Text size="sm" c="orange" data-testid="unsaved">
              Unsaved changes
            </Text>
          ) : save.isSuccess ? (
            <Text size="sm" c="green">
              Saved
            </Text>
          ) : null}
          <Button onClick={onSave} loading={save.isPending} disabled={!dirty}>
            Save draft
          </Button>
        </Group>
      </Group>
      <Group align="flex-start" gap="sm">
        <TextInput
          type="datetime-local"
          label="Effective from (empty: as soon as both sign)"
          w={300}
          value={effectiveAt}
          onChange={(e) => setEffectiveAt(e.currentTarget.value)}
        />
        <TextInput
          label="Note"
          style={{ flex: 1 }}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={2000}
        />
      </Group>
      {otherFailure ? <ErrorAlert error={save.error} title="The draft could not be saved" /> : null}
      {view === 'yaml' ? (
        <Stack gap="xs">
          <ProblemList problems={problems} title="The server found problems" />
          {parsed.ok ? null : (
            <Text size="sm" c="red" role="status">
              The text does not parse as YAML yet: {parsed.detail}
            </Text>
          )}
          <Textarea
            aria-label="Contract YAML"
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            autosize
            minRows={24}
            maxRows={48}
            spellCheck={false}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13 } }}
          />
        </Stack>
      ) : parsed.ok ? (
        <Stack>
          <ProblemList
            problems={unplaced}
            title={problems.length > unplaced.length ? 'Also to fix' : 'To fix'}
          />
          {problems.length > 0 && unplaced.length === 0 ? (
            <Alert color="red" variant="light" role="alert">
              {problems.length} problem{problems.length === 1 ? '' : 's'} to fix, shown at the fields below.
            </Alert>
          ) : null}
          <GeneralSection ctx={ctx} />
          <FitSection ctx={ctx} />
          <InterestSection ctx={ctx} />
          <MqlSection ctx={ctx} />
          <AcceptanceSection ctx={ctx} />
          <SlaSection ctx={ctx} />
        </Stack>
      ) : (
        <Alert color="orange" variant="light" title="The form needs YAML that parses">
          {parsed.detail}. Fix it in the YAML view.
        </Alert>
      )}
      <BacktestPanel source={{ yaml: text }} title="Backtest this draft" />
    </Stack>
  );
}
