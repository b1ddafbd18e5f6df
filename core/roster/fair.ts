/**
 * Sharing shifts fairly: each shift needs `perShift` representatives among those available that
 * day; every representative who can serve at all should get the same number of shifts, within
 * one of each other. That is a flow problem — shifts on one side, representatives on the
 * other, an edge where the representative is available, each representative's count bounded
 * below and above by floor and ceiling of the fair share — solved exactly (Dinic, with the
 * lower bounds by the usual circulation). When unavailable dates make an even share impossible,
 * the cap is raised one step at a time until every seat is filled, and the answer says so.
 *
 * Deterministic: the same input gives the same roster. The edges of shift i list the
 * representatives from position i × perShift on, so the flow fills shifts round-robin and a
 * representative's shifts spread over the month.
 */

export interface FairInput {
  /** The shifts, in date order, each with the representatives available for it. */
  shifts: Array<{ available: string[] }>;
  /** Every representative of the studio, in a fixed order. */
  reps: string[];
  perShift: number;
}

export interface FairResult {
  /** Representatives of each shift, in the order of `reps`. */
  assigned: string[][];
  counts: Record<string, number>;
  /** Every representative who could serve got floor or ceiling of the fair share. */
  balanced: boolean;
  /** Shifts (by index) with fewer available representatives than `perShift`. */
  understaffed: number[];
}

class Flow {
  private readonly head: number[];
  private readonly to: number[] = [];
  private readonly cap: number[] = [];
  private readonly next: number[] = [];
  private level: number[] = [];
  private it: number[] = [];
  constructor(private readonly n: number) {
    this.head = new Array(n).fill(-1);
  }
  /** Adds u→v with capacity c; returns the edge's index (its flow is the reverse edge's capacity). */
  add(u: number, v: number, c: number): number {
    const e = this.to.length;
    this.to.push(v, u);
    this.cap.push(c, 0);
    this.next.push(this.head[u], this.head[v]);
    this.head[u] = e;
    this.head[v] = e + 1;
    return e;
  }
  flowOn(e: number): number {
    return this.cap[e + 1];
  }
  private bfs(s: number, t: number): boolean {
    this.level = new Array(this.n).fill(-1);
    this.level[s] = 0;
    const q = [s];
    for (let i = 0; i < q.length; i++) {
      for (let e = this.head[q[i]]; e !== -1; e = this.next[e]) {
        if (this.cap[e] > 0 && this.level[this.to[e]] < 0) {
          this.level[this.to[e]] = this.level[q[i]] + 1;
          q.push(this.to[e]);
        }
      }
    }
    return this.level[t] >= 0;
  }
  private dfs(u: number, t: number, f: number): number {
    if (u === t) return f;
    for (; this.it[u] !== -1; this.it[u] = this.next[this.it[u]]) {
      const e = this.it[u];
      const v = this.to[e];
      if (this.cap[e] > 0 && this.level[v] === this.level[u] + 1) {
        const d = this.dfs(v, t, Math.min(f, this.cap[e]));
        if (d > 0) {
          this.cap[e] -= d;
          this.cap[e + 1] += d;
          return d;
        }
      }
    }
    return 0;
  }
  max(s: number, t: number): number {
    let total = 0;
    while (this.bfs(s, t)) {
      this.it = [...this.head];
      for (let f = this.dfs(s, t, Infinity); f > 0; f = this.dfs(s, t, Infinity)) total += f;
    }
    return total;
  }
}

/** One attempt: every shift gets exactly its demand, every representative between its low and hi. */
function attempt(input: FairInput, demand: number[], eligible: string[], lo: number | number[], hi: number): string[][] | null {
  const S = input.shifts.length;
  const R = eligible.length;
  // nodes: 0 source, 1 sink, shifts 2.., reps 2+S.., then the circulation's own source and sink
  const src = 0;
  const sink = 1;
  const shiftNode = (i: number) => 2 + i;
  const repNode = (j: number) => 2 + S + j;
  const ss = 2 + S + R;
  const tt = ss + 1;
  const g = new Flow(tt + 1);
  const excess = new Array(tt + 1).fill(0);
  const bounded = (u: number, v: number, low: number, high: number) => {
    excess[v] += low;
    excess[u] -= low;
    return high > low ? g.add(u, v, high - low) : -1;
  };
  for (let i = 0; i < S; i++) bounded(src, shiftNode(i), demand[i], demand[i]);
  const index = new Map(eligible.map((r, j) => [r, j]));
  const edges: Array<Array<{ rep: string; e: number }>> = input.shifts.map(() => []);
  for (let i = 0; i < S; i++) {
    const avail = new Set(input.shifts[i].available);
    for (let k = 0; k < R; k++) {
      const rep = eligible[(i * input.perShift + k) % R];
      if (avail.has(rep)) edges[i].push({ rep, e: g.add(shiftNode(i), repNode(index.get(rep) as number), 1) });
    }
  }
  for (let j = 0; j < R; j++) bounded(repNode(j), sink, Array.isArray(lo) ? lo[j] : lo, hi);
  g.add(sink, src, Infinity);
  let need = 0;
  for (let v = 0; v < ss; v++) {
    if (excess[v] > 0) {
      g.add(ss, v, excess[v]);
      need += excess[v];
    } else if (excess[v] < 0) g.add(v, tt, -excess[v]);
  }
  if (g.max(ss, tt) !== need) return null;
  const order = new Map(input.reps.map((r, k) => [r, k]));
  return edges.map((es) => es.filter((x) => g.flowOn(x.e) > 0).map((x) => x.rep).sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
}

/** Shares the shifts: see the module's comment. */
export function shareShifts(input: FairInput): FairResult {
  const demand = input.shifts.map((s) => Math.min(input.perShift, new Set(s.available.filter((r) => input.reps.includes(r))).size));
  const understaffed = demand.flatMap((d, i) => (d < input.perShift ? [i] : []));
  const eligible = input.reps.filter((r) => input.shifts.some((s) => s.available.includes(r)));
  const seats = demand.reduce((a, b) => a + b, 0);
  const counts = Object.fromEntries(input.reps.map((r) => [r, 0]));
  if (seats === 0 || eligible.length === 0) return { assigned: input.shifts.map(() => []), counts, balanced: true, understaffed };
  const lo = Math.floor(seats / eligible.length);
  const hi = Math.ceil(seats / eligible.length);
  let assigned = attempt(input, demand, eligible, lo, hi);
  const balanced = assigned !== null;
  // Not possible evenly: the least cap that fills every seat while each representative still
  // gets the fair share or every shift they are available for, whichever is less; failing
  // that (two who can only take the same one seat), no lower bound. A cap of one shift each
  // always fills every seat: no shift needs more representatives than it has available.
  const lows = eligible.map((r) => Math.min(lo, input.shifts.filter((s) => s.available.includes(r)).length));
  for (let cap = hi; assigned === null && cap <= input.shifts.length; cap++) assigned = attempt(input, demand, eligible, lows, cap);
  for (let cap = hi; assigned === null; cap++) assigned = attempt(input, demand, eligible, 0, cap);
  for (const reps of assigned) for (const r of reps) counts[r]++;
  return { assigned, counts, balanced, understaffed };
}
