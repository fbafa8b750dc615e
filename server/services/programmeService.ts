/** Programme outcomes: how each cohort's firms grew, against the region's other SMEs. */
import type { Database } from '../db/database.ts';
import type { HistoryPoint } from '../domain/firm.ts';
import { HOME_REGION } from '../domain/regions.ts';
import { cohortOutcomes } from '../analytics/cohortOutcomes.ts';

export class ProgrammeService {
  constructor(private readonly db: Database) {}

  async outcomes() {
    const rows = await this.db.read<{ cohort: number | null; historyJson: string }>('programme/histories', { homeRegion: HOME_REGION });
    const firms = rows.map((r) => ({ cohort: r.cohort, history: JSON.parse(r.historyJson) as HistoryPoint[] }));
    return { homeRegion: HOME_REGION, groups: cohortOutcomes(firms) };
  }
}
