import type { BacktestRequest, BacktestRun, OutcomeStage, RescoringRun, SignalLift } from '@tandem/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api } from '../../lib/api.js';
import type { JobStatus } from './chart-data.js';
import type { ContractDiff, ContractVersion, SignOffSide } from './contract-types.js';

/** Runs with their status restated (the shared schema's mapped union infers as `never`). */
export type BacktestRunView = Omit<BacktestRun, 'status'> & { status: JobStatus };
export type RescoringRunView = Omit<RescoringRun, 'status'> & { status: JobStatus };

const base = '/api/v1/lead-contracts';
export const contractsKey = ['lead-contracts'] as const;

export function useContractVersions() {
  return useQuery({
    queryKey: [...contractsKey, 'list'],
    queryFn: () => api<{ items: ContractVersion[] }>(base).then((r) => r.items),
  });
}

export function useContractVersion(version: number, enabled = true) {
  return useQuery({
    queryKey: [...contractsKey, 'version', version],
    enabled,
    queryFn: () => api<ContractVersion>(`${base}/${version}`),
  });
}

/** The version in force, or null when none is (the server answers 404). */
export function useActiveContract() {
  return useQuery({
    queryKey: [...contractsKey, 'active'],
    queryFn: async () => {
      try {
        return await api<ContractVersion>(`${base}/active`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}

/** What changes from `against` (a version number or the active one) to `version`. */
export function useContractDiff(version: number, against: number | 'active', enabled = true) {
  return useQuery({
    queryKey: [...contractsKey, 'diff', version, against],
    enabled,
    queryFn: () => api<ContractDiff>(`${base}/${version}/diff`, { query: { against: String(against) } }),
  });
}

export function agreementUrl(version: number): string {
  return `${base}/${version}/agreement?format=html`;
}

export type ContractCommand =
  | { action: 'submit' | 'withdraw' | 'rollback' }
  | { action: 'approve'; side: SignOffSide; comment?: string }
  | { action: 'reject'; side: SignOffSide; comment: string };

/**
 * Runs a sign-off step on a version. Success or refusal, every view is refreshed: a refusal often
 * means the version changed since the page was opened, and the page should show how.
 */
export function useContractCommand(version: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (command: ContractCommand) => {
      const { action, ...body } = command;
      const hasBody = action === 'approve' || action === 'reject';
      return api<ContractVersion>(`${base}/${version}/${action}`, {
        method: 'POST',
        ...(hasBody ? { body } : {}),
      });
    },
    onSettled: () => client.invalidateQueries({ queryKey: contractsKey }),
  });
}

/** Creates a draft from YAML text or a document (a copy of another version). */
export function useCreateDraft() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { yaml: string } | { document: unknown; note?: string }) =>
      api<ContractVersion>(base, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: contractsKey }),
  });
}

export interface DraftChanges {
  yaml?: string;
  effectiveAt?: string | null;
  note?: string | null;
}

export function useSaveDraft(version: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (changes: DraftChanges) =>
      api<ContractVersion>(`${base}/${version}`, { method: 'PUT', body: changes }),
    onSuccess: (saved) => {
      client.setQueryData([...contractsKey, 'version', version], saved);
      return client.invalidateQueries({ queryKey: contractsKey });
    },
  });
}

// Backtest, signal lift and rescoring (shapes in @tandem/contracts, backtest.ts).

/**
 * The backtest request. `outcome` is restated: the shared schema builds its union from a mapped
 * array, which TypeScript infers too narrowly for a value to be assignable.
 */
export type BacktestBody = Omit<BacktestRequest, 'outcome'> & { outcome?: OutcomeStage };

export function useStartBacktest() {
  return useMutation({
    mutationFn: (request: BacktestBody) =>
      api<BacktestRunView>(`${base}/backtests`, { method: 'POST', body: request }),
  });
}

/** Polls a backtest run every second until it is done or failed. */
export function useBacktestRun(id: string | null) {
  return useQuery({
    queryKey: [...contractsKey, 'backtest', id],
    enabled: id !== null,
    queryFn: () => api<BacktestRunView>(`${base}/backtests/${id}`),
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'done' || status === 'failed' ? false : 1000;
    },
  });
}

export interface SignalLiftQuery {
  from: string;
  to: string;
  outcome: OutcomeStage;
  withinDays: number;
}

export function useSignalLift(query: SignalLiftQuery | null) {
  return useQuery({
    queryKey: [...contractsKey, 'signal-lift', query],
    enabled: query !== null,
    queryFn: () =>
      api<SignalLift>(`${base}/signal-lift`, {
        query: query ? { ...query, withinDays: query.withinDays } : {},
      }),
  });
}

export function useDraftFromSignals() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SignalLiftQuery & { keys: string[] }) =>
      api<ContractVersion>(`${base}/signal-lift/draft`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: contractsKey }),
  });
}

/** The latest rescoring after a version became active; null when there was none. */
export function useRescoring(enabled: boolean) {
  return useQuery({
    queryKey: [...contractsKey, 'rescoring'],
    enabled,
    queryFn: async () => {
      try {
        return await api<RescoringRunView>(`${base}/rescoring`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'queued' || status === 'running' ? 2000 : false;
    },
    retry: false,
  });
}
