/** How a proposal's status looks on the residents' pages: calm colours, red only for overdue. */
import type { ProposalStatus } from '../../services/types';

const TONES: Record<ProposalStatus, string> = {
  submitted: 'neutral',
  accepted: 'info',
  dispatched: 'info',
  refused: 'progress',
  in_progress: 'info',
  completed: 'progress',
  closed: 'success',
  returned: 'neutral',
  converted: 'neutral',
};

/** The tag class (app.wxss `.tag--*`) of a proposal's status. */
export const proposalTone = (status: ProposalStatus, overdue = false): string => (overdue ? 'alarm' : TONES[status] ?? 'neutral');
