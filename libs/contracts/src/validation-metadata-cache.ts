import { getMetadataStorage } from 'class-validator';

/**
 * Memoises class-validator's metadata lookup. Every `validateSync` (each event published or consumed,
 * each request body) asks the storage for a class's rules, and class-validator 0.14 answers by walking
 * every class the process has ever decorated to test inheritance (`prototype instanceof`) — hundreds of
 * DTO and event classes here. Under bench:orders that lookup was the largest single class-validator cost
 * in every service's profile. Rules are registered when classes are defined, so the answer for a class
 * never changes after that; registering a rule clears the memo in case a class is defined late.
 */
export function memoiseValidationMetadata(): void {
  const storage = getMetadataStorage() as ReturnType<typeof getMetadataStorage> & { memoised?: true };
  if (storage.memoised) return;
  const lookup = storage.getTargetValidationMetadatas.bind(storage);
  const register = storage.addValidationMetadata.bind(storage);
  const memo = new Map<unknown, Map<string, ReturnType<typeof lookup>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}|${always}|${strictGroups}|${groups?.join(',') ?? ''}`;
    let forTarget = memo.get(target);
    if (!forTarget) memo.set(target, (forTarget = new Map()));
    let rules = forTarget.get(key);
    if (!rules) forTarget.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.addValidationMetadata = (metadata) => {
    memo.clear();
    register(metadata);
  };
  storage.memoised = true;
}
