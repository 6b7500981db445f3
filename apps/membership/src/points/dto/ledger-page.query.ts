import { CursorPageQuery } from '@emporium/platform';

export class LedgerPageQuery extends CursorPageQuery {}
