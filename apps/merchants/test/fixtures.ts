/** A valid registration body; tests override what they exercise. */
export function registration(overrides: Record<string, unknown> = {}) {
  return {
    legalName: 'Green Threads GmbH',
    contactName: 'Anna Schmidt',
    contactEmail: 'anna@greenthreads.example',
    businessLicenceNumber: 'HRB-123456',
    documents: [
      {
        type: 'BUSINESS_LICENCE',
        number: 'HRB-123456',
        issuer: 'Amtsgericht Berlin',
        expiresOn: '2099-12-31',
        url: 'https://files.example/licence.pdf',
      },
    ],
    ...overrides,
  };
}
