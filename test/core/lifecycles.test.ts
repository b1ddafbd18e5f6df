import { forumLifecycle, type ForumAction, type ForumFacts, type ForumRelation, type ForumStatus } from '../../core/forums/lifecycle';
import { proposalLifecycle, type ProposalAction, type ProposalFacts, type ProposalRelation, type ProposalStatus } from '../../core/proposals/lifecycle';
import { inquiryLifecycle, type InquiryAction, type InquiryFacts, type InquiryRelation, type InquiryStatus } from '../../core/inquiries/lifecycle';
import { LIFECYCLES } from '../../core/matters/registry';
import { receptionLifecycle, type ReceptionFacts } from '../../core/receptions/kind';
import type { ReceptionRelation } from '../../core/receptions/permissions';
import type { ReceptionStatus } from '../../core/receptions/types';
import { caseLifecycle, type CaseAction, type CaseFacts, type CaseRelation, type CaseStatus } from '../../core/visits/lifecycle';
import { describeLifecycleTable, type Expected } from './support/lifecycleTable';
import { swapLifecycle, type SwapAction } from '../../core/roster/kind';
import type { SwapRelation } from '../../core/roster/permissions';
import type { SwapStatus } from '../../core/roster/types';

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

// inquiries (党内质询)
{
  type Row = [InquiryStatus, InquiryAction, InquiryStatus, InquiryRelation[]];
  const admin: InquiryRelation[] = ['admin'];
  const held = (s: InquiryStatus): Row => [s, 'holdAccountable', s, admin];
  const always: Row[] = [
    ['submitted', 'accept', 'accepted', admin],
    ['submitted', 'return', 'returned', admin],
    ['accepted', 'askClarification', 'clarifying', ['contact']],
    ['accepted', 'reply', 'replied', ['contact']],
    ['accepted', 'extend', 'accepted', admin],
    ['clarifying', 'clarify', 'accepted', ['lead', 'coSigner']],
    ['clarifying', 'extend', 'clarifying', admin],
    ['replied', 'meet', 'met', ['contact']],
    ['met', 'meet', 'met', ['contact']],
    ['committee', 'decide', 'closed', admin],
    held('accepted'),
    held('clarifying'),
    held('replied'),
    held('met'),
    held('committee'),
    held('closed'),
  ];
  const base = { extendedThisRound: false, accountable: true, maxRounds: 3 };
  // Two co-signers still to sign, two proposers still to evaluate: the signature and the evaluation that conclude nothing.
  describeLifecycleTable(
    inquiryLifecycle,
    [...always, ['cosigning', 'cosign', 'cosigning', ['pendingCoSigner']], ['met', 'evaluate', 'met', ['pendingEvaluator']]],
    (status): InquiryFacts => ({ status, unsigned: 2, unevaluated: 2, round: 1, ...base }),
  );
  // The last signature sends it; the last evaluation of round 1 closes it or opens round 2.
  describeLifecycleTable(
    inquiryLifecycle,
    [
      ...always,
      ['cosigning', 'cosignLast', 'submitted', ['pendingCoSigner']],
      ['met', 'evaluateConclude', 'closed', ['pendingEvaluator']],
      ['met', 'evaluateNextRound', 'accepted', ['pendingEvaluator']],
    ],
    (status): InquiryFacts => ({ status, unsigned: 1, unevaluated: 1, round: 1, ...base }),
  );
  // In the last round the last evaluation closes it or sends it to the committee.
  describeLifecycleTable(
    inquiryLifecycle,
    [
      ...always,
      ['cosigning', 'cosignLast', 'submitted', ['pendingCoSigner']],
      ['met', 'evaluateConclude', 'closed', ['pendingEvaluator']],
      ['met', 'evaluateToCommittee', 'committee', ['pendingEvaluator']],
    ],
    (status): InquiryFacts => ({ status, unsigned: 1, unevaluated: 1, round: 3, ...base }),
  );
  TESTED.add('inquiries');

  describe('inquiry guards', () => {
    const f = (over: Partial<InquiryFacts>): InquiryFacts => ({ status: 'accepted', unsigned: 0, unevaluated: 1, round: 1, ...base, ...over });
    it('extends once a round', () => {
      expect(inquiryLifecycle.transition(f({}), 'extend', new Set(admin))).toBe('accepted');
      expect(inquiryLifecycle.transition(f({ extendedThisRound: true }), 'extend', new Set(admin))).toBeNull();
    });
    it('holds to account only when overdue, late or unsatisfying', () => {
      expect(inquiryLifecycle.transition(f({ accountable: false }), 'holdAccountable', new Set(admin))).toBeNull();
      expect(inquiryLifecycle.transition(f({ accountable: true }), 'holdAccountable', new Set(admin))).toBe('accepted');
    });
    it('the subject\'s contact can never evaluate, and a proposer can never reply', () => {
      expect(inquiryLifecycle.mayEverTake('evaluate', new Set(['contact']))).toBe(false);
      expect(inquiryLifecycle.mayEverTake('reply', new Set(['lead', 'coSigner']))).toBe(false);
    });
  });
}

// 民情会诊 cases (组团联系服务)
{
  type Row = [CaseStatus, CaseAction, CaseStatus, CaseRelation[]];
  const staff: CaseRelation[] = ['liaison', 'admin'];
  const completers: CaseRelation[] = ['measureOwner', 'liaison', 'admin'];
  const always: Row[] = [
    ['submitted', 'schedule', 'scheduled', staff],
    ['submitted', 'withdraw', 'withdrawn', ['leader']],
    ['scheduled', 'schedule', 'scheduled', staff],
    ['scheduled', 'decide', 'in_progress', staff],
    ['scheduled', 'toProposal', 'proposed', staff],
    ['scheduled', 'withdraw', 'withdrawn', ['leader']],
    ['in_progress', 'toProposal', 'in_progress', staff],
    ['closed', 'toProposal', 'closed', staff],
  ];
  // Two measures still to do: completing one keeps it running.
  describeLifecycleTable(
    caseLifecycle,
    [...always, ['in_progress', 'completeMeasure', 'in_progress', completers]],
    (status): CaseFacts => ({ status, pendingMeasures: 2, proposed: false }),
  );
  // The last measure: completing it closes the case.
  describeLifecycleTable(
    caseLifecycle,
    [...always, ['in_progress', 'completeLastMeasure', 'closed', completers]],
    (status): CaseFacts => ({ status, pendingMeasures: 1, proposed: false }),
  );
  TESTED.add('visitCases');

  describe('民情会诊 guards', () => {
    it('turns into a proposal once', () => {
      expect(caseLifecycle.transition({ status: 'closed', pendingMeasures: 0, proposed: false }, 'toProposal', new Set(['liaison']))).toBe('closed');
      expect(caseLifecycle.transition({ status: 'closed', pendingMeasures: 0, proposed: true }, 'toProposal', new Set(['liaison']))).toBeNull();
    });
    it('a group member who leads nothing and owns no measure can never move a case', () => {
      for (const action of caseLifecycle.actions) expect(caseLifecycle.mayEverTake(action, new Set(['member']))).toBe(false);
    });
  });
}

// forums (党代表论坛): the organiser publishes, cancels until it starts, closes once it ended
{
  const organiser: ForumRelation[] = ['organiser'];
  const expected: Expected<ForumStatus, ForumAction, ForumRelation> = [
    ['draft', 'publish', 'published', organiser],
    ['draft', 'cancel', 'cancelled', organiser],
    ['published', 'cancel', 'cancelled', organiser],
    ['published', 'close', 'closed', organiser],
  ];
  // Before it starts: publish and cancel, no close. After it ended: close, and a draft can still be dropped.
  describeLifecycleTable(forumLifecycle, expected.filter(([, a]) => a !== 'close'), (status): ForumFacts => ({ status, started: false, ended: false }));
  describeLifecycleTable(forumLifecycle, expected.filter(([s, a]) => a === 'close' || (s === 'draft' && a === 'cancel')), (status): ForumFacts => ({ status, started: true, ended: true }));
  TESTED.add('forums');

  describe('forum guards', () => {
    const org = new Set<ForumRelation>(organiser);
    it('a forum under way can be neither published, cancelled nor closed', () => {
      const running: ForumFacts = { status: 'published', started: true, ended: false };
      for (const action of forumLifecycle.actions) expect(forumLifecycle.transition(running, action, org)).toBeNull();
      expect(forumLifecycle.transition({ status: 'draft', started: true, ended: false }, 'publish', org)).toBeNull();
    });
    it('a representative taking part may never publish, cancel or close it', () => {
      for (const action of forumLifecycle.actions) expect(forumLifecycle.mayEverTake(action, new Set(['attending']))).toBe(false);
    });
  });
}

// proposals (代表提议)
{
  type Row = [ProposalStatus, ProposalAction, ProposalStatus, ProposalRelation[]];
  const admin: ProposalRelation[] = ['admin'];
  const lead: ProposalRelation[] = ['leadDepartment'];
  const always: Row[] = [
    ['submitted', 'reviewAccept', 'accepted', admin],
    ['submitted', 'reviewConvert', 'converted', admin],
    ['submitted', 'reviewReturn', 'returned', admin],
    ['accepted', 'dispatch', 'dispatched', admin],
    ['dispatched', 'dispatch', 'dispatched', admin],
    ['refused', 'dispatch', 'dispatched', admin],
    ['dispatched', 'accept', 'in_progress', lead],
    ['dispatched', 'refuse', 'refused', lead],
    ['dispatched', 'urge', 'dispatched', admin],
    ['in_progress', 'progress', 'in_progress', ['leadDepartment', 'assistingDepartment']],
    ['in_progress', 'complete', 'completed', lead],
    ['in_progress', 'urge', 'in_progress', admin],
  ];
  // No extension pending, urgeable, two appraisers still to appraise.
  describeLifecycleTable(
    proposalLifecycle,
    [...always, ['in_progress', 'requestExtension', 'in_progress', lead], ['completed', 'appraise', 'completed', ['pendingAppraiser']]],
    (status): ProposalFacts => ({ status, extensionPending: false, urgeable: true, unappraised: 2 }),
  );
  // An extension pending, the last appraiser: the administrator decides; the last appraisal closes it or sends it back.
  describeLifecycleTable(
    proposalLifecycle,
    [
      ...always,
      ['in_progress', 'approveExtension', 'in_progress', admin],
      ['in_progress', 'refuseExtension', 'in_progress', admin],
      ['completed', 'appraiseConclude', 'closed', ['pendingAppraiser']],
      ['completed', 'appraiseReopen', 'in_progress', ['pendingAppraiser']],
    ],
    (status): ProposalFacts => ({ status, extensionPending: true, urgeable: true, unappraised: 1 }),
  );
  TESTED.add('proposals');

  describe('proposal guards', () => {
    const f = (over: Partial<ProposalFacts>): ProposalFacts => ({ status: 'in_progress', extensionPending: false, urgeable: true, unappraised: 1, ...over });
    it('urges at most once every few days', () => {
      expect(proposalLifecycle.transition(f({ urgeable: false }), 'urge', new Set(admin))).toBeNull();
      expect(proposalLifecycle.transition(f({ status: 'dispatched', urgeable: false }), 'urge', new Set(admin))).toBeNull();
    });
    it('one extension request pending at a time', () => {
      expect(proposalLifecycle.transition(f({ extensionPending: true }), 'requestExtension', new Set(lead))).toBeNull();
      expect(proposalLifecycle.transition(f({ extensionPending: false }), 'approveExtension', new Set(admin))).toBeNull();
    });
    it('departments never appraise and proposers never handle', () => {
      for (const a of ['appraise', 'appraiseConclude', 'appraiseReopen'] as const) expect(proposalLifecycle.mayEverTake(a, new Set(['leadDepartment', 'assistingDepartment']))).toBe(false);
      for (const a of ['accept', 'progress', 'complete', 'dispatch'] as const) expect(proposalLifecycle.mayEverTake(a, new Set(['proposer', 'pendingAppraiser']))).toBe(false);
    });
    it('an assisting department reports progress but neither takes, refuses nor completes it', () => {
      const assisting = new Set<ProposalRelation>(['assistingDepartment']);
      expect(proposalLifecycle.allowedActions(f({}), assisting)).toEqual(['progress']);
      expect(proposalLifecycle.transition(f({ status: 'dispatched' }), 'accept', assisting)).toBeNull();
    });
  });
}

// swaps (换班申请): the liaison decides, the requester may withdraw while pending
{
  const expected: Expected<SwapStatus, SwapAction, SwapRelation> = [
    ['pending', 'approve', 'approved', ['manager']],
    ['pending', 'reject', 'rejected', ['manager']],
    ['pending', 'withdraw', 'withdrawn', ['requester']],
  ];
  describeLifecycleTable(swapLifecycle, expected, (status) => ({ status }));
  TESTED.add('swaps');

  it('a representative who asked for a swap can never approve it', () => {
    expect(swapLifecycle.mayEverTake('approve', new Set<SwapRelation>(['requester']))).toBe(false);
  });
}

it('every lifecycle registered on the kernel has its table test', () => {
  expect(Object.keys(LIFECYCLES).sort()).toEqual([...TESTED].sort());
});
