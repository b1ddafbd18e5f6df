import type { Facts, Lifecycle } from '../../../core/matters/lifecycle';

/** One expected rule: from `status`, `action` leads to `to`, for exactly these relations. */
export type Expected<S extends string, A extends string, R extends string> = Array<[S, A, S, R[]]>;

/**
 * The same exhaustive table test for every kind of tracked matter: for every
 * (status, action, relation) the target the rules written out independently in the test
 * expect, or a refusal. `facts(status)` gives facts under which every guard passes (guards
 * have their own tests).
 */
export function describeLifecycleTable<S extends string, A extends string, R extends string, F extends Facts<S>, P extends string>(
  lifecycle: Lifecycle<S, A, R, F, P>,
  expected: Expected<S, A, R>,
  facts: (status: S) => F,
) {
  describe(`${lifecycle.kind} lifecycle: every (status, action, relation)`, () => {
    const cases: Array<[S, A, R, S | null]> = [];
    for (const status of lifecycle.statuses) {
      for (const action of lifecycle.actions) {
        const rule = expected.find(([s, a]) => s === status && a === action);
        for (const relation of lifecycle.relations) {
          cases.push([status, action, relation, rule && rule[3].includes(relation) ? rule[2] : null]);
        }
      }
    }

    it.each(cases)('%s + %s by %s → %s', (status, action, relation, target) => {
      expect(lifecycle.transition(facts(status), action, new Set([relation]))).toBe(target);
    });

    it('covers every combination', () => {
      expect(cases).toHaveLength(lifecycle.statuses.length * lifecycle.actions.length * lifecycle.relations.length);
    });
  });
}
