import { STUDIO_KINDS } from '../directory/types';
import { getStudio, listDepartments, listStudios, listTownships } from '../directory/usecases';
import { docId, z } from '../shared/validation';
import { action, type FunctionDef } from './define';

/** `directory`: townships, studios and a studio's "four on the wall", departments. Open to everyone. */
export const directory: FunctionDef = {
  townships: action(z.object({}).strict(), (deps) => listTownships(deps)),
  studios: action(z.object({ townshipId: docId.optional(), kind: z.enum(STUDIO_KINDS).optional() }).strict(), (deps, _c, q) =>
    listStudios(deps, q),
  ),
  studio: action(z.object({ id: docId }).strict(), (deps, _c, q) => getStudio(deps, q.id)),
  departments: action(z.object({}).strict(), (deps) => listDepartments(deps)),
};
