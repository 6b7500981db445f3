export class FaqEntryResponse {
  id: string;
  question: string;
  answer: string;
  published: boolean;
  /** ISO 8601 UTC */
  updatedAt: string;
}
