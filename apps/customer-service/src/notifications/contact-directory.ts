import { Logger } from '@nestjs/common';
import { callService, serviceTokenSource } from '@emporium/platform';

/** membership's answer to `GET /members/{id}/contact`: personal data lives there and never travels in events. */
export interface MemberContact {
  memberId: string;
  name: string | null;
  email: string | null;
  phone?: string | null;
  marketingConsent: boolean;
  erased: boolean;
}

/** How a member's address is found (the port). */
export abstract class ContactDirectory {
  /** undefined when the member is unknown. Throws when the directory cannot answer now (the send is retried). */
  abstract contactOf(memberId: string): Promise<MemberContact | undefined>;
}

/** membership's `GET /members/{id}/contact` with a short-lived service token, on MEMBERSHIP_URL. */
export class HttpContactDirectory extends ContactDirectory {
  private readonly logger = new Logger(HttpContactDirectory.name);
  private readonly token: () => string;

  constructor(
    private readonly baseUrl: string,
    jwtSecret: string,
    private readonly timeoutMs: number,
  ) {
    super();
    this.token = serviceTokenSource(jwtSecret, 'customer-service');
  }

  async contactOf(memberId: string): Promise<MemberContact | undefined> {
    // No answer throws ServiceCallFailed: the notification is retried, never sent without an address.
    const response = await callService({
      method: 'GET',
      baseUrl: this.baseUrl,
      path: `/members/${encodeURIComponent(memberId)}/contact`,
      token: this.token(),
      timeoutMs: this.timeoutMs,
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) {
      this.logger.warn({ msg: 'membership did not answer a contact lookup', status: response.status });
      throw new Error(`membership answered ${response.status} to a contact lookup`);
    }
    return response.body as unknown as MemberContact;
  }
}

/**
 * Without MEMBERSHIP_URL (a laptop, the tests): members are addressed by id at a reserved domain, so the
 * development mailbox shows who a message was for without any personal data.
 */
export class DevelopmentContactDirectory extends ContactDirectory {
  async contactOf(memberId: string): Promise<MemberContact> {
    return {
      memberId,
      name: null,
      email: `member-${memberId}@members.emporium.invalid`,
      marketingConsent: false,
      erased: false,
    };
  }
}
