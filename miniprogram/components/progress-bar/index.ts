/**
 * A proposal's progress bar (代表提议的办理进度): how far the handling has come in percent, with
 * its milestones (办理节点) marked on the bar and listed under it in order. The numbers are the
 * back end's (`percent`, `milestones`); the bar only draws them.
 */
interface Mark {
  key: number;
  label: string;
  percent: number;
  /** Where the mark sits on the bar, 0–100 (kept inside the bar's ends). */
  left: number;
  date: string;
}

Component({
  properties: {
    percent: { type: Number, value: 0 },
    /** `[{ milestone, percent, date }]`, in the order they were reached. */
    milestones: { type: Array, value: [] },
    /** The words before the figure: 办理进度 unless told. */
    label: { type: String, value: '办理进度' },
  },
  data: {
    width: 0,
    marks: [] as Mark[],
  },
  observers: {
    'percent, milestones'(percent: number, milestones: Array<{ milestone: string; percent: number; date?: string }>) {
      const width = Math.max(0, Math.min(100, Math.round(Number(percent) || 0)));
      const marks = (milestones ?? []).map((m, key) => ({
        key,
        label: m.milestone,
        percent: m.percent,
        left: Math.max(2, Math.min(98, m.percent)),
        date: m.date ?? '',
      }));
      this.setData({ width, marks });
    },
  },
});
