/**
 * A lifecycle definition for a tracked matter (事项): a literal union of statuses, a transition
 * table keyed by (status, action) naming the relations that may take each action, guards on
 * the matter's facts, labels, and the public names of the actions a client sees. Each kind
 * (the register's items, inquiries, receptions, …) declares one with `defineLifecycle`; the
 * transition runner and the views ask it, nothing else compares status strings.
 */
import { forbidden, invalidState, type AppError } from '../errors';

/** One entry of the table: the target status and who may move the matter there. */
export interface Rule<S extends string, R extends string> {
  to: S;
  by: readonly R[];
}

/** The facts every guard sees: at least the status. */
export interface Facts<S extends string> {
  status: S;
}

export interface LifecycleSpec<S extends string, A extends string, R extends string, F extends Facts<S>, P extends string> {
  /** Which kind this is, for messages and the table test. */
  kind: string;
  /** 事项 / 质询 / 接待: the noun in refusals ("您没有权限对该质询进行…"). */
  noun: string;
  statuses: readonly S[];
  actions: readonly A[];
  relations: readonly R[];
  transitions: Readonly<Record<S, Partial<Record<A, Rule<S, R>>>>>;
  /** Conditions beyond the table: the action is possible only while the guard holds. */
  guards?: Partial<Record<A, (facts: F) => boolean>>;
  /** The name a client sees and calls for each action; null for internal ones (the timer's). */
  publicName: Record<A, P | null>;
  statusLabels: Record<S, string>;
  actionLabels: Record<A, string>;
}

export interface Lifecycle<S extends string, A extends string, R extends string, F extends Facts<S>, P extends string>
  extends LifecycleSpec<S, A, R, F, P> {
  /** The target status if some relation of the caller may take `action` now; null otherwise. */
  transition(facts: F, action: A, relations: ReadonlySet<R>): S | null;
  /** Whether these relations may take `action` from some status (FORBIDDEN if not, INVALID_STATE if only not now). */
  mayEverTake(action: A, relations: ReadonlySet<R>): boolean;
  /** The public actions these relations may take now. */
  allowedActions(facts: F, relations: ReadonlySet<R>): P[];
  /** The named error for an action that `transition` refused. */
  refusal(facts: F, action: A, relations: ReadonlySet<R>): AppError;
}

/** Builds a lifecycle from its table; checks the table's own consistency once, at load. */
export function defineLifecycle<S extends string, A extends string, R extends string, F extends Facts<S>, P extends string>(
  spec: LifecycleSpec<S, A, R, F, P>,
): Lifecycle<S, A, R, F, P> {
  for (const status of spec.statuses) {
    for (const [action, rule] of Object.entries(spec.transitions[status] ?? {}) as Array<[A, Rule<S, R> | undefined]>) {
      if (!rule) continue;
      if (!spec.actions.includes(action)) throw new Error(`${spec.kind}: unknown action ${action} in the table`);
      if (!spec.statuses.includes(rule.to)) throw new Error(`${spec.kind}: unknown target ${rule.to}`);
      for (const r of rule.by) if (!spec.relations.includes(r)) throw new Error(`${spec.kind}: unknown relation ${r}`);
    }
  }

  function transition(facts: F, action: A, relations: ReadonlySet<R>): S | null {
    const rule = spec.transitions[facts.status]?.[action];
    if (!rule) return null;
    if (!rule.by.some((r) => relations.has(r))) return null;
    const guard = spec.guards?.[action];
    if (guard && !guard(facts)) return null;
    return rule.to;
  }

  function mayEverTake(action: A, relations: ReadonlySet<R>): boolean {
    return spec.statuses.some((s) => spec.transitions[s]?.[action]?.by.some((r) => relations.has(r)) ?? false);
  }

  function allowedActions(facts: F, relations: ReadonlySet<R>): P[] {
    const out = new Set<P>();
    for (const action of spec.actions) {
      const name = spec.publicName[action];
      if (name && transition(facts, action, relations)) out.add(name);
    }
    return [...out];
  }

  function refusal(facts: F, action: A, relations: ReadonlySet<R>): AppError {
    const label = spec.actionLabels[action];
    if (!mayEverTake(action, relations)) return forbidden(`您没有权限对该${spec.noun}进行“${label}”操作`);
    return invalidState(`该${spec.noun}当前为“${spec.statusLabels[facts.status]}”，不能${label}`);
  }

  return { ...spec, transition, mayEverTake, allowedActions, refusal };
}
