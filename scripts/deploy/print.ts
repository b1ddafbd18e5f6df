/** The plan as `npm run deploy -- --dry-run` prints it. */
import type { Directory } from './directory';
import type { DeployPlan } from './plan';

export interface PlanContext {
  settingsFile: string;
  settingsExample: boolean;
  directory?: Directory;
  admin?: { openid: string; name: string };
  /** Bundle size per function (bytes), when built. */
  bundles: Record<string, number | undefined>;
  only?: string[];
  prune: boolean;
}

const pad = (s: string, n: number) => (s.length >= n ? s + ' ' : s + ' '.repeat(n - s.length));
const kb = (n: number) => `${Math.round(n / 1024)} KB`;

export function planText(plan: DeployPlan, ctx: PlanContext): string[] {
  const out: string[] = [];
  const indexCount = plan.collections.reduce((n, c) => n + c.indexes.length, 0);
  const width = Math.max(...plan.collections.map((c) => c.name.length)) + 2;
  if (ctx.only) out.push(`Only the functions ${ctx.only.join(', ')}: no collection, index, rule, directory or administrator is touched.`, '');
  out.push(`Collections (${plan.collections.length}), each with the security rule ADMINONLY (仅管理端可读写); ${indexCount} indexes, ascending, non-unique${ctx.prune ? ', others dropped (--prune)' : ', none dropped (--prune drops indexes the code lacks)'}:`);
  for (const c of plan.collections) {
    if (c.indexes.length === 0) out.push(`  ${pad(c.name, width)}(by _id only)`);
    c.indexes.forEach((ix, i) => out.push(`  ${pad(i === 0 ? c.name : '', width)}${ix.name} (${ix.fields.join(', ')})`));
  }
  out.push('');
  const f0 = plan.functions[0];
  out.push(`Functions (${plan.functions.length}): runtime ${f0?.runtime}, handler ${f0?.handler}, wx-server-sdk installed in the cloud, ${f0?.ignore.join(', ')} not uploaded:`);
  const nameWidth = Math.max(...plan.functions.map((f) => f.name.length)) + 2;
  for (const f of plan.functions) {
    const size = ctx.bundles[f.name];
    out.push(
      `  ${pad(f.name, nameWidth)}${pad(f.kind, 9)}timeout ${f.timeout} s, ${f.memory} MB, openapi: ${f.openapi.length ? f.openapi.join(', ') : '—'}; ${Object.keys(f.envVariables).length} of ${Object.keys(f.envVariables).length + f.unset.length} variables set; bundle ${size === undefined ? 'not built' : kb(size)}`,
    );
    if (f.trigger) out.push(`  ${pad('', nameWidth)}trigger ${f.trigger.name} (${f.trigger.type}) "${f.trigger.cron}", ${f.trigger.means}; a run starts new work for ${(f.budgetMs ?? 0) / 1000} s of its ${f.timeout} s`);
  }
  out.push('');
  out.push(`Variables (${plan.variables.length}), from ${ctx.settingsFile}${ctx.settingsExample ? ' (no deploy/settings.json: the code defaults apply)' : ''}:`);
  const varWidth = Math.max(...plan.variables.map((v) => v.name.length)) + 2;
  const all = plan.functions.length;
  for (const v of plan.variables) {
    const value = v.value !== undefined ? `= ${v.value}` : `not set (${v.fallback})`;
    out.push(`  ${pad(v.name, varWidth)}${pad(value, 42)}→ ${v.functions.length === all ? 'every function' : v.functions.join(', ')}`);
  }
  out.push('');
  if (ctx.directory) {
    const counts = Object.entries(ctx.directory.docs).map(([c, docs]) => `${docs.length} ${c}`);
    out.push(`Directory: ${counts.join(', ')} from ${ctx.directory.source}, imported into the collections that are empty.`);
  } else {
    out.push('Directory: none given — nothing is imported (deploy/directory/ from `npm run export:seed`, or --demo-directory for a trial).');
  }
  out.push(ctx.admin ? `First administrator: ${ctx.admin.openid} (${ctx.admin.name}), created in members unless that openid is a member already.` : 'First administrator: none (--admin-openid <openid>).');
  return out;
}
