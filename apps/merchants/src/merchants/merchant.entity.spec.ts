import { Merchant } from './merchant.entity';
import { canTransition } from './merchant-status';
import { IllegalMerchantTransitionError } from './merchant.errors';

const register = () =>
  Merchant.register({
    id: 'c8e1f0a2-1b3c-4d5e-8f70-9a1b2c3d4e5f',
    ownerSubject: 'user-1',
    legalName: 'Green Threads GmbH',
    contactName: 'Anna',
    contactEmail: 'anna@example.com',
    businessLicenceNumber: 'HRB-1',
    at: new Date('2026-11-20T09:00:00Z'),
  });

describe('Merchant', () => {
  it('starts in the review queue with a perfect score and an audit entry', () => {
    const merchant = register();
    expect(merchant).toMatchObject({ status: 'PENDING_REVIEW', score: 100 });
    expect(merchant.pendingAudit).toMatchObject([{ action: 'REGISTERED', actor: 'user-1' }]);
  });

  it('is approved, suspended and reinstated, auditing who and why', () => {
    const merchant = register();
    merchant.approve('ops-1', new Date());
    expect(merchant.mayList).toBe(true);
    merchant.suspend('ops-2', 'fraud report', new Date());
    expect(merchant.mayList).toBe(false);
    merchant.reinstate('ops-1', 'cleared', new Date());
    expect(merchant.status).toBe('APPROVED');
    expect(merchant.pendingAudit.map((entry) => [entry.action, entry.actor, entry.reason])).toEqual([
      ['REGISTERED', 'user-1', null],
      ['APPROVED', 'ops-1', null],
      ['SUSPENDED', 'ops-2', 'fraud report'],
      ['REINSTATED', 'ops-1', 'cleared'],
    ]);
  });

  it('refuses to approve an approved merchant with a stable code', () => {
    const merchant = register();
    merchant.approve('ops-1', new Date());
    expect(() => merchant.approve('ops-1', new Date())).toThrow(IllegalMerchantTransitionError);
    try {
      merchant.approve('ops-1', new Date());
    } catch (error) {
      expect((error as IllegalMerchantTransitionError).code).toBe('ILLEGAL_MERCHANT_TRANSITION');
    }
  });

  it.each([
    ['PENDING_REVIEW', 'APPROVED', true],
    ['PENDING_REVIEW', 'REJECTED', true],
    ['PENDING_REVIEW', 'SUSPENDED', false],
    ['APPROVED', 'SUSPENDED', true],
    ['APPROVED', 'REJECTED', false],
    ['SUSPENDED', 'APPROVED', true],
    ['REJECTED', 'APPROVED', false],
  ] as const)('%s -> %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  // Each action starts only from its own states (security probe, issue 11 finding 5).
  it('refuses to approve a suspended merchant: lifting a suspension is reinstate, with its document check', () => {
    const merchant = register();
    merchant.approve('ops-1', new Date());
    merchant.suspend('ops-1', 'fraud report', new Date());
    expect(() => merchant.approve('ops-1', new Date())).toThrow(IllegalMerchantTransitionError);
    expect(merchant.status).toBe('SUSPENDED');
  });

  it('refuses to reinstate a merchant still in review', () => {
    const merchant = register();
    expect(() => merchant.reinstate('ops-1', 'why not', new Date())).toThrow(IllegalMerchantTransitionError);
    expect(merchant.status).toBe('PENDING_REVIEW');
    expect(merchant.pendingAudit.map((entry) => entry.action)).toEqual(['REGISTERED']);
  });

  it.each([
    ['approve', ['PENDING_REVIEW']],
    ['reject', ['PENDING_REVIEW']],
    ['suspend', ['APPROVED']],
    ['reinstate', ['SUSPENDED']],
  ] as const)('%s starts only from %j', (action, from) => {
    const reach = {
      PENDING_REVIEW: [],
      APPROVED: ['approve'],
      SUSPENDED: ['approve', 'suspend'],
      REJECTED: ['reject'],
    } as const;
    for (const [status, path] of Object.entries(reach)) {
      const merchant = register();
      const take = (step: 'approve' | 'reject' | 'suspend' | 'reinstate') =>
        step === 'approve' ? merchant.approve('ops-1', new Date()) : merchant[step]('ops-1', 'a reason', new Date());
      for (const step of path) take(step);
      const act = () => take(action);
      if ((from as readonly string[]).includes(status)) expect(act).not.toThrow();
      else expect(act).toThrow(IllegalMerchantTransitionError);
    }
  });
});
