import type { Role } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import type { ContractSignature, ContractStatus } from './contract-types.js';
import { canSeeContracts, signOffActions } from './sign-off-actions.js';

const signature = (userId: string, side: 'marketing' | 'sales'): ContractSignature => ({
  userId,
  name: userId,
  side,
  decision: 'approve',
  comment: null,
  at: '2026-01-01T00:00:00.000Z',
});
const actions = (role: Role, status: ContractStatus, signatures: ContractSignature[] = [], id = 'me') =>
  signOffActions({ id, role }, { status, signatures });

describe('signOffActions', () => {
  it('offers editing and submitting a draft to the editor roles only', () => {
    for (const role of ['admin', 'marketing', 'sales_manager'] as const) {
      expect(actions(role, 'draft')).toMatchObject({ edit: true, submit: true, withdraw: true, sign: null });
    }
    for (const role of ['sales_rep', 'partner'] as const) {
      expect(actions(role, 'draft')).toMatchObject({ edit: false, submit: false, withdraw: false });
    }
  });

  it('lets a marketing user sign the marketing side and a sales manager the sales side', () => {
    expect(actions('marketing', 'submitted').sign).toBe('marketing');
    expect(actions('sales_manager', 'submitted').sign).toBe('sales');
  });

  it('never offers signing to reps, partners or admins, and says why', () => {
    for (const role of ['sales_rep', 'partner', 'admin'] as const) {
      const a = actions(role, 'submitted');
      expect(a.sign).toBeNull();
      expect(a.signNote).toMatch(/sign/);
    }
  });

  it('does not offer a second signature to the same person or the same side', () => {
    const mine = actions('sales_manager', 'submitted', [signature('me', 'marketing')]);
    expect(mine.sign).toBeNull();
    expect(mine.signNote).toMatch(/You signed the marketing side/);
    const taken = actions('marketing', 'submitted', [signature('someone', 'marketing')]);
    expect(taken.sign).toBeNull();
    expect(taken.signNote).toMatch(/marketing side is signed already/);
    expect(actions('sales_manager', 'submitted', [signature('someone', 'marketing')]).sign).toBe('sales');
  });

  it('offers signing only on submitted versions and rollback only on superseded ones', () => {
    for (const status of ['draft', 'approved', 'active', 'superseded', 'rejected', 'withdrawn'] as const) {
      expect(actions('marketing', status).sign).toBeNull();
    }
    expect(actions('marketing', 'superseded').rollback).toBe(true);
    expect(actions('marketing', 'active').rollback).toBe(false);
    expect(actions('sales_rep', 'superseded').rollback).toBe(false);
  });

  it('shows the contract to every role but partners', () => {
    expect(canSeeContracts('sales_rep')).toBe(true);
    expect(canSeeContracts('partner')).toBe(false);
  });
});
