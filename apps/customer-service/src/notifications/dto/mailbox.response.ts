export class MailboxMessageResponse {
  id: string;
  notificationId: string;
  memberId: string;
  /** The member's address (membership's, or member-<id>@members.emporium.invalid without MEMBERSHIP_URL) */
  to: string;
  subject: string;
  body: string;
  template: string;
  /** ISO 8601 UTC */
  createdAt: string;
}

export class MailboxResponse {
  /** Newest first */
  items: MailboxMessageResponse[];
}
