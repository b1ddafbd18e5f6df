import {
  RELATIONS,
  STATUSES,
  TRANSITION_ACTIONS,
  allowedActions,
  isAnsweredOrResolved,
  isClosed,
  isOpen,
  mayEverTake,
  transition,
  type Relation,
  type Status,
  type TransitionAction,
} from '../../core/register/lifecycle';

/**
 * The rules of issue 2 written out once more, independently of the table in lifecycle.ts:
 * for every (status, action) the target and the relations that may take it. Every
 * combination not listed must be refused.
 */
const EXPECTED: Array<[Status, TransitionAction, Status, Relation[]]> = [
  ['submitted', 'urge', 'submitted', ['submitter']],
  ['accepted', 'urge', 'accepted', ['submitter']],
  ['in_progress', 'urge', 'in_progress', ['submitter']],
  ['submitted', 'accept', 'accepted', ['studioLiaison', 'studioRepresentative']],
  ['submitted', 'assign', 'accepted', ['studioLiaison', 'admin']],
  ['submitted', 'reject', 'rejected', ['studioLiaison', 'admin']],
  ['accepted', 'assign', 'accepted', ['studioLiaison', 'admin']],
  ['accepted', 'answer', 'answered', ['owner', 'studioLiaison']],
  ['accepted', 'promise', 'in_progress', ['owner', 'studioLiaison']],
  ['accepted', 'refer', 'in_progress', ['studioLiaison', 'admin']],
  ['accepted', 'resolve', 'resolved', ['owner', 'studioLiaison']],
  ['accepted', 'reject', 'rejected', ['studioLiaison', 'admin']],
  ['accepted', 'release', 'submitted', ['studioLiaison', 'admin', 'system']],
  ['accepted', 'handOver', 'accepted', ['studioLiaison', 'admin', 'system']],
  ['in_progress', 'assign', 'in_progress', ['studioLiaison', 'admin']],
  ['in_progress', 'answer', 'answered', ['owner', 'studioLiaison']],
  ['in_progress', 'promise', 'in_progress', ['owner', 'studioLiaison']],
  ['in_progress', 'refer', 'in_progress', ['studioLiaison', 'admin']],
  ['in_progress', 'recordReferralResult', 'in_progress', ['studioLiaison', 'admin', 'department']],
  ['in_progress', 'resolve', 'resolved', ['owner', 'studioLiaison']],
  ['in_progress', 'release', 'in_progress', ['studioLiaison', 'admin', 'system']],
  ['in_progress', 'handOver', 'in_progress', ['studioLiaison', 'admin', 'system']],
  ['answered', 'feedbackSatisfied', 'closed', ['rater']],
  ['answered', 'feedbackUnsatisfied', 'in_progress', ['rater']],
  ['answered', 'autoClose', 'closed', ['system']],
  ['resolved', 'feedbackSatisfied', 'closed', ['rater']],
  ['resolved', 'feedbackUnsatisfied', 'in_progress', ['rater']],
  ['resolved', 'autoClose', 'closed', ['system']],
  // duplicates merged (issue 16): the new item is merged, the existing one absorbs it, its askers rate it
  ['submitted', 'merge', 'merged', ['owner', 'studioLiaison', 'admin']],
  ['accepted', 'merge', 'merged', ['owner', 'studioLiaison', 'admin']],
  ['in_progress', 'merge', 'merged', ['owner', 'studioLiaison', 'admin']],
  ['submitted', 'absorb', 'submitted', ['owner', 'studioLiaison', 'studioRepresentative', 'admin']],
  ['accepted', 'absorb', 'accepted', ['owner', 'studioLiaison', 'studioRepresentative', 'admin']],
  ['in_progress', 'absorb', 'in_progress', ['owner', 'studioLiaison', 'studioRepresentative', 'admin']],
  ['answered', 'absorb', 'answered', ['owner', 'studioLiaison', 'studioRepresentative', 'admin']],
  ['resolved', 'absorb', 'resolved', ['owner', 'studioLiaison', 'studioRepresentative', 'admin']],
  ['answered', 'askerFeedback', 'answered', ['askerToRate']],
  ['resolved', 'askerFeedback', 'resolved', ['askerToRate']],
  ['closed', 'askerFeedback', 'closed', ['askerToRate']],
];

// Facts under which the extra guards pass: a referral is pending, no feedback yet this round, owned, overdue and not chased lately.
const facts = (status: Status) => ({ status, referralPending: true, feedbackGivenThisRound: false, owned: true, mayUrge: true, mergeable: true });

describe('register lifecycle: every (status, action, relation)', () => {
  const cases: Array<[Status, TransitionAction, Relation, Status | null]> = [];
  for (const status of STATUSES) {
    for (const action of TRANSITION_ACTIONS) {
      const rule = EXPECTED.find(([s, a]) => s === status && a === action);
      for (const relation of RELATIONS) {
        cases.push([status, action, relation, rule && rule[3].includes(relation) ? rule[2] : null]);
      }
    }
  }

  it.each(cases)('%s + %s by %s → %s', (status, action, relation, expected) => {
    expect(transition(facts(status), action, new Set([relation]))).toBe(expected);
  });

  it('covers every combination', () => {
    expect(cases).toHaveLength(STATUSES.length * TRANSITION_ACTIONS.length * RELATIONS.length);
  });
});

describe('register lifecycle guards', () => {
  it('records a referral result only while a referral is pending', () => {
    const liaison = new Set<Relation>(['studioLiaison']);
    expect(transition({ status: 'in_progress', referralPending: false, feedbackGivenThisRound: false, owned: true, mayUrge: false, mergeable: true }, 'recordReferralResult', liaison)).toBeNull();
    expect(transition({ status: 'in_progress', referralPending: true, feedbackGivenThisRound: false, owned: true, mayUrge: false, mergeable: true }, 'recordReferralResult', liaison)).toBe('in_progress');
  });

  it('takes feedback once per round', () => {
    const submitter = new Set<Relation>(['rater']);
    const given = { status: 'answered' as const, referralPending: false, feedbackGivenThisRound: true, owned: true, mayUrge: false, mergeable: true };
    expect(transition(given, 'feedbackSatisfied', submitter)).toBeNull();
    expect(transition(given, 'feedbackUnsatisfied', submitter)).toBeNull();
  });

  it('offers feedback to the rater as one public action, and never the system-only autoClose', () => {
    expect(allowedActions(facts('answered'), new Set(['submitter', 'rater']))).toEqual(['feedback']);
    expect(allowedActions(facts('answered'), new Set(['system']))).toEqual([]);
  });

  it('never lets a liaison who also submitted the item rate it (separation of duties: a submitter on staff is no rater)', () => {
    const both = new Set<Relation>(['submitter', 'studioLiaison']);
    expect(allowedActions(facts('submitted'), both).sort()).toEqual(['accept', 'assign', 'merge', 'reject', 'urge']);
    expect(allowedActions(facts('resolved'), both)).toEqual([]);
    expect(mayEverTake('feedbackSatisfied', both)).toBe(false);
  });

  it('releases and hands over only an owned item, and never offers either as a button', () => {
    const liaison = new Set<Relation>(['studioLiaison']);
    const unowned = { status: 'accepted' as const, referralPending: false, feedbackGivenThisRound: false, owned: false, mayUrge: false, mergeable: true };
    expect(transition(unowned, 'release', liaison)).toBeNull();
    expect(transition(unowned, 'handOver', liaison)).toBeNull();
    expect(transition({ ...unowned, owned: true }, 'release', liaison)).toBe('submitted');
    expect(allowedActions({ ...unowned, owned: true }, new Set(RELATIONS))).not.toEqual(expect.arrayContaining(['release']));
    expect(allowedActions({ ...unowned, owned: true }, new Set(RELATIONS))).not.toEqual(expect.arrayContaining(['handOver']));
  });

  it('tells a forbidden action (no relation could ever take it) from one not possible now', () => {
    expect(mayEverTake('answer', new Set(['submitter']))).toBe(false);
    expect(mayEverTake('answer', new Set(['owner']))).toBe(true);
    expect(mayEverTake('autoClose', new Set(['admin']))).toBe(false);
  });
});

describe('status predicates', () => {
  it.each(STATUSES)('%s belongs to exactly one of open, answered-or-resolved, closed', (status) => {
    const memberships = [isOpen(status), isAnsweredOrResolved(status), isClosed(status)].filter(Boolean);
    expect(memberships).toHaveLength(1);
  });

  it('rejected and merged are terminal; a closed item only takes the ratings of its askers', () => {
    for (const status of ['closed', 'rejected', 'merged'] as const) {
      for (const action of TRANSITION_ACTIONS) {
        const expected = status === 'closed' && action === 'askerFeedback' ? 'closed' : null;
        expect(transition(facts(status), action, new Set(RELATIONS))).toBe(expected);
      }
    }
  });
});

describe('merging duplicates', () => {
  it('never merges an item already answered or that others were merged into', () => {
    const liaison = new Set<Relation>(['studioLiaison']);
    expect(transition({ ...facts('accepted'), mergeable: false }, 'merge', liaison)).toBeNull();
    expect(transition(facts('accepted'), 'merge', liaison)).toBe('merged');
  });

  it('offers an asker the one public feedback action, never merge or absorb', () => {
    expect(allowedActions(facts('answered'), new Set<Relation>(['asker', 'askerToRate']))).toEqual(['feedback']);
    expect(allowedActions(facts('answered'), new Set<Relation>(['asker']))).toEqual([]);
    expect(allowedActions(facts('submitted'), new Set<Relation>(['asker', 'askerToRate']))).toEqual([]);
    expect(allowedActions(facts('accepted'), new Set<Relation>(['studioLiaison']))).toContain('merge');
    expect(allowedActions(facts('accepted'), new Set(RELATIONS))).not.toContain('absorb');
  });
});
