/** How a forum's phase looks: calm colours; red only for a cancelled forum. */
import type { ForumPhase } from '../../../services/types';

const TONES: Record<ForumPhase, string> = {
  draft: 'neutral',
  upcoming: 'info',
  ongoing: 'progress',
  ended: 'progress',
  held: 'success',
  cancelled: 'alarm',
};

/** The tag class (app.wxss `.tag--*`) of a forum's phase. */
export const forumTone = (phase: ForumPhase): string => TONES[phase] ?? 'neutral';
