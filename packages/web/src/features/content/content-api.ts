import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';

export type AssetStage = 'awareness' | 'consideration' | 'decision';
export const assetStages: readonly AssetStage[] = ['awareness', 'consideration', 'decision'];

export interface Asset {
  id: string;
  title: string;
  description: string;
  stage: AssetStage;
  personas: string[];
  products: string[];
  industries: string[];
  tags: string[];
  status: 'draft' | 'approved' | 'retired';
  format: string | null;
  currentVersion: number;
  origin: 'marketing' | 'sales';
}

export interface CreatedShare {
  id: string;
  url: string;
  token: string;
}

/** The library as `GET /api/v1/assets` answers it for the viewer (search and filters on the server). */
export function useAssets(filters: { q: string; stage: AssetStage | null }) {
  return useQuery({
    queryKey: ['assets', filters],
    queryFn: () =>
      api<{ items: Asset[] }>('/api/v1/assets', {
        query: { q: filters.q.trim() || undefined, stage: filters.stage ?? undefined },
      }),
  });
}

export function useApproveAsset() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<Asset>(`/api/v1/assets/${id}/approve`, { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['assets'] }),
  });
}

export function useShareAsset() {
  return useMutation({
    mutationFn: (input: { assetId: string; contactId: string; emailGate: boolean }) =>
      api<CreatedShare>(`/api/v1/assets/${input.assetId}/shares`, {
        method: 'POST',
        body: { contactId: input.contactId, emailGate: input.emailGate },
      }),
  });
}
