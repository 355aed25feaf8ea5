import { Checkbox, Select, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import { type ContractPath, type ContractProblem, problemsAt } from './contract-pointer.js';
import { valueAt } from './form-fields.js';
import type { YamlEdit } from './yaml-sync.js';

/** What every form input needs: the parsed document, the server's problems and a way to edit. */
export interface FormContext {
  document: unknown;
  problems: readonly ContractProblem[];
  edit: (edit: YamlEdit) => void;
  readOnly?: boolean;
}

const errorAt = (ctx: FormContext, path: ContractPath) =>
  problemsAt(ctx.problems, path).join('; ') || undefined;

interface BoundProps {
  ctx: FormContext;
  path: ContractPath;
  label: string;
  description?: string;
  placeholder?: string;
  w?: number | string;
}

/**
 * A text box bound to a path of the YAML text. It keeps what is being typed locally (so "1." or
 * "-" are not lost while a number is typed) and writes each complete value to the text at once.
 */
function BoundText({
  ctx,
  path,
  label,
  description,
  placeholder,
  w,
  format,
  parse,
}: BoundProps & {
  format: (value: unknown) => string;
  parse: (text: string) => { ok: boolean; value?: unknown };
}) {
  const external = format(valueAt(ctx.document, path));
  const [text, setText] = useState(external);
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(external);
  }, [external, focused]);
  return (
    <TextInput
      label={label}
      description={description}
      placeholder={placeholder}
      w={w}
      value={text}
      readOnly={ctx.readOnly}
      error={errorAt(ctx, path)}
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const parsed = parse(next);
        if (parsed.ok) ctx.edit({ kind: 'set', path, value: parsed.value });
      }}
    />
  );
}

const asText = (value: unknown) => (value === undefined || value === null ? '' : String(value));

export function TextAt(props: BoundProps & { optional?: boolean }) {
  return (
    <BoundText
      {...props}
      format={asText}
      parse={(text) => ({ ok: true, value: text === '' && props.optional !== false ? undefined : text })}
    />
  );
}

export function NumberAt(props: BoundProps) {
  return (
    <BoundText
      {...props}
      format={asText}
      parse={(text) => {
        if (text.trim() === '') return { ok: true, value: undefined };
        const n = Number(text);
        return Number.isFinite(n) && !/[.-]$/.test(text.trim()) ? { ok: true, value: n } : { ok: false };
      }}
    />
  );
}

/** A free value that YAML would type: `true`, `50` and `pricing` become boolean, number, text. */
export function ScalarAt(props: BoundProps & { parse: (text: string) => unknown }) {
  return <BoundText {...props} format={asText} parse={(text) => ({ ok: true, value: props.parse(text) })} />;
}

/** A comma-separated list bound to an array. */
export function ListAt(
  props: BoundProps & { parse: (text: string) => unknown; format: (value: unknown) => string },
) {
  return (
    <BoundText {...props} format={props.format} parse={(text) => ({ ok: true, value: props.parse(text) })} />
  );
}

export function SelectAt({
  ctx,
  path,
  label,
  data,
  w,
  clearable,
}: {
  ctx: FormContext;
  path: ContractPath;
  label: string;
  data: readonly string[] | Array<{ value: string; label: string }>;
  w?: number | string;
  clearable?: boolean;
}) {
  const value = valueAt(ctx.document, path);
  return (
    <Select
      label={label}
      w={w}
      data={data as string[]}
      value={value === undefined || value === null ? null : String(value)}
      clearable={clearable}
      allowDeselect={clearable ?? false}
      readOnly={ctx.readOnly}
      error={errorAt(ctx, path)}
      onChange={(next) => ctx.edit({ kind: 'set', path, value: next ?? undefined })}
    />
  );
}

/** A checkbox for an optional `true` flag: unticking removes the key. */
export function FlagAt({ ctx, path, label }: { ctx: FormContext; path: ContractPath; label: string }) {
  return (
    <Checkbox
      label={label}
      mt="xl"
      checked={valueAt(ctx.document, path) === true}
      disabled={ctx.readOnly}
      error={errorAt(ctx, path)}
      onChange={(e) => ctx.edit({ kind: 'set', path, value: e.currentTarget.checked ? true : undefined })}
    />
  );
}
