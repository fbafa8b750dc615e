/** The metadata block of every export: what it shows, the data version, when, and the link that reopens it. */
import type { ViewContext } from '../context.ts';

export async function exportMetadata(ctx: ViewContext, scenario: string): Promise<[string, string][]> {
  const t = ctx.i18n.t;
  let version = '–';
  try {
    const health = await ctx.api.health();
    if (health.dataVersion !== null && health.dataVersion !== undefined) version = String(health.dataVersion);
  } catch {
    // The export still goes out; the version is then unknown, and says so.
  }
  return [
    [t('export.scenario'), scenario],
    [t('export.dataVersion'), version],
    [t('export.date'), new Date().toISOString().replace('T', ' ').slice(0, 16) + ' UTC'],
    [t('export.units'), ''],
    [t('export.link'), location.href],
  ];
}
