import { LIFECYCLES } from '../../core/matters/registry';
import { receptionLifecycle, type ReceptionFacts } from '../../core/receptions/kind';
import type { ReceptionRelation } from '../../core/receptions/permissions';
import type { ReceptionStatus } from '../../core/receptions/types';
import { describeLifecycleTable, type Expected } from './support/lifecycleTable';

/**
 * The exhaustive table test of every lifecycle on the kernel, each against its rules written
 * out here once more. The register's own table test is test/core/lifecycle.test.ts.
 */
const TESTED = new Set(['register']);

// receptions (接待): the studio's managers publish, cancel and close
{
  const expected: Expected<ReceptionStatus, 'publish' | 'cancel' | 'close', ReceptionRelation> = [
    ['draft', 'publish', 'published', ['manager']],
    ['draft', 'cancel', 'cancelled', ['manager']],
    ['published', 'cancel', 'cancelled', ['manager']],
    ['published', 'close', 'closed', ['manager']],
  ];
  // `cancel` of a published reception needs it not ended, `close` needs it ended: each guard on its own below.
  describeLifecycleTable(receptionLifecycle, expected.filter(([, a]) => a !== 'close'), (status): ReceptionFacts => ({ status, ended: false }));
  describeLifecycleTable(receptionLifecycle, expected.filter(([s, a]) => a === 'close' || s === 'draft'), (status): ReceptionFacts => ({ status, ended: true }));
  TESTED.add('receptions');

  describe('reception guards', () => {
    const manager = new Set<ReceptionRelation>(['manager']);
    it('a published reception can be cancelled until it ends, and closed only after', () => {
      expect(receptionLifecycle.transition({ status: 'published', ended: false }, 'cancel', manager)).toBe('cancelled');
      expect(receptionLifecycle.transition({ status: 'published', ended: true }, 'cancel', manager)).toBeNull();
      expect(receptionLifecycle.transition({ status: 'published', ended: false }, 'close', manager)).toBeNull();
      expect(receptionLifecycle.transition({ status: 'published', ended: true }, 'close', manager)).toBe('closed');
    });
    it('a representative on duty may check in, but never publish, cancel or close', () => {
      for (const action of receptionLifecycle.actions) expect(receptionLifecycle.mayEverTake(action, new Set(['onDuty']))).toBe(false);
    });
  });
}

it('every lifecycle registered on the kernel has its table test', () => {
  expect(Object.keys(LIFECYCLES).sort()).toEqual([...TESTED].sort());
});
