import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../lib/api.js';
import type { Lead } from '../leads/leads-api.js';

export type ScoringEventType = 'track' | 'page' | 'screen' | 'identify' | 'group';

/** `GET /api/v1/leads/{id}/score`: why a lead has its score (docs/lead-contract.md, "Explain"). */
export interface ScoreExplanation {
  leadId: string;
  stage: string;
  contractVersion: number;
  now: string;
  stored: {
    scoreVersion: number | null;
    fitPoints: number;
    fitGrade: string | null;
    interest: number | null;
    interestCents: number | null;
    scoredThrough: string | null;
  };
  fit: {
    points: number;
    grade: string | null;
    hits: Array<{
      ruleId: string;
      label: string;
      points: number;
      field: string;
      value: string | number | boolean | null;
    }>;
  };
  exclusions: Array<{ id: string; label: string; field: string; value: string | number | boolean | null }>;
  interest: {
    value: number;
    totalCents: number;
    halfLifeDays: number;
    totalCap: number;
    events: number;
    thresholdAt: string | null;
    handRaisedAt: string | null;
    hits: InterestHit[];
  };
  mql: {
    qualifies: boolean;
    reason: string;
    missing: string | null;
    gap: { interest: number; grade: string | null; fitPoints: number; handRaisers: string[] } | null;
    excludedBy: string[];
  };
}

export interface InterestHit {
  event: { id: string; at: string; type: ScoringEventType; name: string | null };
  ruleId: string;
  label: string;
  points: number;
  applied: number;
  cappedByFrequency: boolean;
  clampedByTotal: boolean;
  handRaiser: boolean;
  decay: number;
  contribution: number;
  contributionCents: number;
}

export const leadKey = (id: string) => ['lead', id] as const;

export function useLead(id: string) {
  return useQuery({
    queryKey: leadKey(id),
    queryFn: () => api<Lead>(`/api/v1/leads/${encodeURIComponent(id)}`),
  });
}

/**
 * The score explanation, or null when the server has none to give (no contract in force). A lead
 * out of reach is reported by the lead query itself.
 */
export function useLeadScore(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...leadKey(id), 'score'],
    enabled,
    queryFn: async () => {
      try {
        return await api<ScoreExplanation>(`/api/v1/leads/${encodeURIComponent(id)}/score`);
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
  });
}
