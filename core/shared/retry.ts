import { DuplicateId, VersionConflict } from '../ports/store';

/**
 * Runs `work` again when it lost a race on a version or a new id (a counter both writers
 * created). For operations that must eventually succeed, such as taking the next number.
 */
export async function retryOnConflict<R>(work: () => Promise<R>, attempts = 20): Promise<R> {
  for (let i = 1; ; i++) {
    try {
      return await work();
    } catch (e) {
      const lost = e instanceof VersionConflict || e instanceof DuplicateId;
      if (!lost || i >= attempts) throw e;
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 5 * i)));
    }
  }
}
