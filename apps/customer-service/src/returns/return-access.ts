import { NotFoundError, Principal } from '@emporium/platform';
import { DataSource, EntityManager } from 'typeorm';
import type { NotificationRequest } from '../notifications/notifications.service';
import { IllegalReturnTransitionError } from './return.errors';
import { mayStart, ReturnAction, ReturnStatus } from './return-status';

/**
 * Who may see which returns, the row lock and the guarded transition every action takes, and the customer's
 * notices: shared by the returns services.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pg rows
export type ReturnRow = any;

/** Who may see which returns: ops, warehouse and services all; a merchant its own; a customer its own. */
export function returnScope(principal: Principal): { all: boolean; customerId?: string; merchantId?: string } {
  if (principal.roles.some((role) => role === 'ops' || role === 'warehouse' || role === 'service'))
    return { all: true };
  return {
    all: false,
    customerId: principal.roles.includes('customer') ? principal.subject : undefined,
    merchantId: principal.roles.includes('merchant') ? principal.merchantId : undefined,
  };
}

export async function lockReturn(manager: EntityManager, id: string): Promise<ReturnRow | undefined> {
  const [row] = await manager.query(`SELECT * FROM returns WHERE id = $1 FOR UPDATE`, [id]);
  return row;
}

/** Loads and locks the return, checks the action may start from its status (and, for a customer, that it is its own), runs it. */
export async function transitionReturn(
  dataSource: DataSource,
  id: string,
  action: ReturnAction,
  work: (manager: EntityManager, row: ReturnRow) => Promise<void>,
  owner?: Principal,
): Promise<void> {
  await dataSource.transaction(async (manager) => {
    const row = await lockReturn(manager, id);
    if (!row || (owner && row.customer_id !== owner.subject)) throw new NotFoundError('return', id);
    if (!mayStart(action, row.status as ReturnStatus)) throw new IllegalReturnTransitionError(id, row.status, action);
    await work(manager, row);
  });
}

export type ReturnTemplate =
  | 'RETURN_IN_REVIEW'
  | 'RETURN_APPROVED'
  | 'RETURN_REJECTED'
  | 'RETURN_LABEL'
  | 'RETURN_RECEIVED'
  | 'RETURN_REFUNDED'
  | 'RETURN_EXCHANGED';

/** The customer's notice of a step of its return: one per return and step, however often the step is reported. */
export function returnNotice(
  row: ReturnRow,
  template: ReturnTemplate,
  extra: Record<string, unknown> = {},
): NotificationRequest {
  return {
    memberId: row.customer_id,
    template,
    dedupeKey: `${template}:${row.id}`,
    data: { returnId: row.id, orderId: row.order_id, ...extra },
  };
}
