/**
 * The one transition runner every tracked matter goes through: check the action against the
 * kind's lifecycle for the actor's relations, apply the change, append the timeline line,
 * compute when reminders are next due, record the effects with the change, compare-and-swap
 * on the version read (a racing write answers CONFLICT), then carry out the effects.
 */
import type { Config } from '../config';
import type { Deps } from '../deps';
import { conflict } from '../errors';
import type { CollectionName } from '../ports/store';
import { VersionConflict } from '../ports/store';
import { flushEffects, flushTogether, flushesTogether, readEarly, withEffects, type Effect, type HoldsEffects, type Recipients } from './effects';
import type { Facts, Lifecycle } from './lifecycle';
import { timelineEvent, type Actor, type TimelineEvent } from './timeline';

/** What every tracked matter's document has. */
export interface MatterDoc<S extends string = string, A extends string = string> extends HoldsEffects {
  status: S;
  timeline: TimelineEvent<S, A>[];
  updatedAt: number;
  nextRemindAt: number | null;
}

/** What the runner needs to know about one kind of matter. */
export interface MatterKind<D extends MatterDoc<S, A | E>, S extends string, A extends string, R extends string, F extends Facts<S>, P extends string, E extends string = never> {
  collection: CollectionName;
  lifecycle: Lifecycle<S, A, R, F, P>;
  /** How the actor stands to the document (the system actor is `system`). */
  relationsOf(actor: Actor, doc: D): ReadonlySet<R>;
  /** What the guards look at. */
  factsOf(doc: D, now: number, config: Config): F;
  /**
   * Fields the kind itself derives from a transition, whatever use case ran it (when an item
   * first left `submitted`): applied after the action's change, before reminders and effects.
   */
  derive?(t: { before: D; after: D; action: A; now: number; config: Config }): Partial<D>;
  /** When the reminder planner next looks at the document; null when nothing is due any more. */
  nextRemindAt?(doc: D, now: number, config: Config): number | null;
  /** The effects of a transition, computed from the document before and after it. */
  effectsOf?(t: { before: D; after: D; action: A; actor: Actor; now: number; config: Config }): Effect[];
  /** The message for a lost race (default: the generic one). */
  conflictMessage?: string;
}

export interface TransitionRequest<D, A extends string> {
  action: A;
  /** The fields the action changes (not status, timeline or version). */
  change?: (now: number, doc: D) => Partial<D>;
  /** The timeline note. */
  note?: string;
  /** Effects beyond the kind's own. */
  effects?: (after: D, now: number) => Effect[];
}

/** Applies one lifecycle action to a document the caller has read; returns the stored document. */
export async function runTransition<D extends MatterDoc<S, A | E>, S extends string, A extends string, R extends string, F extends Facts<S>, P extends string, E extends string>(
  deps: Deps,
  kind: MatterKind<D, S, A, R, F, P, E>,
  actor: Actor,
  doc: NoInfer<D>,
  req: TransitionRequest<NoInfer<D>, NoInfer<A>>,
): Promise<D> {
  const next = prepareTransition(deps, kind, actor, doc, req);
  const effects = (next as Partial<HoldsEffects>).effects;
  // What the effects read goes with the save (the same round); unused if the save fails.
  const early = effects?.length ? readEarly(deps, effects) : undefined;
  try {
    if (early && effects && flushesTogether(effects)) {
      // Points with the messages: one transaction, started with the save, carries them out.
      return await flushTogether(deps, kind.collection, deps.store.update<D>(kind.collection, doc._id, doc._v, next), early);
    }
    const saved = await deps.store.update<D>(kind.collection, doc._id, doc._v, next);
    return await settle(deps, kind.collection, saved, early);
  } catch (e) {
    if (e instanceof VersionConflict) throw conflict(kind.conflictMessage);
    throw e;
  }
}

/**
 * Everything `runTransition` does before the save: the check, the change, the timeline line,
 * the reminders and the effects recorded on the document. For a use case that moves two
 * matters in one transaction (a duplicate merged into an item): it saves each prepared
 * document with the version it read (`doc._v`), then `settle`s the saved ones.
 */
export function prepareTransition<D extends MatterDoc<S, A | E>, S extends string, A extends string, R extends string, F extends Facts<S>, P extends string, E extends string>(
  deps: Deps,
  kind: MatterKind<D, S, A, R, F, P, E>,
  actor: Actor,
  doc: NoInfer<D>,
  req: TransitionRequest<NoInfer<D>, NoInfer<A>>,
): Omit<D, '_v'> {
  const now = deps.clock.now();
  const relations = kind.relationsOf(actor, doc);
  const facts = kind.factsOf(doc, now, deps.config);
  const to = kind.lifecycle.transition(facts, req.action, relations);
  if (!to) throw kind.lifecycle.refusal(facts, req.action, relations);

  const { _id, _v } = doc;
  const changed = { ...doc, ...(req.change ? req.change(now, doc) : {}), _id, _v, status: to, updatedAt: now } as D;
  changed.timeline = [...doc.timeline, timelineEvent<S, A | E>(now, req.action, actor, doc.status, to, req.note)];
  if (kind.derive) Object.assign(changed, kind.derive({ before: doc, after: changed, action: req.action, now, config: deps.config }));
  if (kind.nextRemindAt) changed.nextRemindAt = kind.nextRemindAt(changed, now, deps.config);
  const effects = [
    ...(kind.effectsOf?.({ before: doc, after: changed, action: req.action, actor, now, config: deps.config }) ?? []),
    ...(req.effects?.(changed, now) ?? []),
  ];
  Object.assign(changed, withEffects(doc, effects, now));
  const { _v: _ignored, ...next } = changed;
  return next as Omit<D, '_v'>;
}

/**
 * Carries out a saved document's effects. A failure here does not undo the change: the
 * effects stay on the document and the timer carries them out (drainEffects).
 */
export async function settle<D extends HoldsEffects>(deps: Deps, collection: string, saved: D, recipients?: Recipients): Promise<D> {
  if (!saved.effects?.length) return saved;
  try {
    return await flushEffects(deps, collection, saved, recipients);
  } catch (e) {
    console.error(`effects of ${collection}/${saved._id} left for the timer:`, e instanceof Error ? e.message : e);
    return saved;
  }
}
