/**
 * KSIC (Korean Standard Industrial Classification, 10th rev.) manufacturing divisions present in Busan,
 * with the default value-added ratio used when a firm gives none.
 * Ratios are rounded value-added / gross-output shares of the Bank of Korea input-output
 * tables (2020, basic sector groups); they are defaults, not measurements of any firm.
 *
 * The labour share is compensation of employees (피용자보수) / value added, used for the default wage share
 * (compensation / output) of a firm that gives none: wageShare = valueAddedRatio · labourShare, so the
 * default never exceeds the firm's own value-added ratio. The shares are rounded approximations of the
 * Bank of Korea national accounts' labour income share by industry (노동소득분배율; manufacturing about one
 * half of value added, wholesale and business services more); they are defaults, not measurements.
 */
export interface SectorInfo {
  readonly code: string;
  readonly en: string;
  readonly ko: string;
  readonly valueAddedRatio: number;
  readonly labourShare: number;
}

export const SECTORS: readonly SectorInfo[] = [
  { code: '10', en: 'Food products', ko: '식료품', valueAddedRatio: 0.22, labourShare: 0.5 },
  { code: '13', en: 'Textiles', ko: '섬유제품', valueAddedRatio: 0.24, labourShare: 0.5 },
  { code: '15', en: 'Leather and footwear', ko: '가죽·신발', valueAddedRatio: 0.25, labourShare: 0.5 },
  { code: '20', en: 'Chemicals', ko: '화학제품', valueAddedRatio: 0.2, labourShare: 0.5 },
  { code: '22', en: 'Rubber and plastics', ko: '고무·플라스틱', valueAddedRatio: 0.25, labourShare: 0.5 },
  { code: '24', en: 'Basic metals', ko: '1차 금속', valueAddedRatio: 0.17, labourShare: 0.5 },
  { code: '25', en: 'Fabricated metal products', ko: '금속가공제품', valueAddedRatio: 0.3, labourShare: 0.5 },
  { code: '26', en: 'Electronic components', ko: '전자부품', valueAddedRatio: 0.33, labourShare: 0.5 },
  { code: '27', en: 'Precision instruments', ko: '의료·정밀기기', valueAddedRatio: 0.36, labourShare: 0.5 },
  { code: '28', en: 'Electrical equipment', ko: '전기장비', valueAddedRatio: 0.26, labourShare: 0.5 },
  { code: '29', en: 'Machinery and equipment', ko: '기타 기계·장비', valueAddedRatio: 0.29, labourShare: 0.5 },
  { code: '30', en: 'Motor vehicles and parts', ko: '자동차·부품', valueAddedRatio: 0.23, labourShare: 0.5 },
  { code: '31', en: 'Ships and other transport', ko: '선박·기타 운송장비', valueAddedRatio: 0.27, labourShare: 0.5 },
  { code: '33', en: 'Other manufacturing', ko: '기타 제품', valueAddedRatio: 0.3, labourShare: 0.5 },
  { code: '46', en: 'Wholesale trade', ko: '도매', valueAddedRatio: 0.5, labourShare: 0.6 },
  { code: '72', en: 'Engineering services', ko: '엔지니어링 서비스', valueAddedRatio: 0.55, labourShare: 0.7 },
];

const BY_DIVISION = new Map(SECTORS.map((s) => [s.code, s]));
const FALLBACK_VALUE_ADDED_RATIO = 0.25;
const FALLBACK_LABOUR_SHARE = 0.5;

/** A KSIC code is 2–5 digits; its first two digits are the division. */
export function sectorDivision(code: string): string {
  return code.slice(0, 2);
}

export function sectorInfo(code: string): SectorInfo | undefined {
  return BY_DIVISION.get(sectorDivision(code));
}

export function defaultValueAddedRatio(code: string): number {
  return sectorInfo(code)?.valueAddedRatio ?? FALLBACK_VALUE_ADDED_RATIO;
}

/** Compensation of employees / output when the firm gives none: its value-added ratio times the sector's labour share. */
export function defaultWageShare(code: string, valueAddedRatio: number): number {
  return valueAddedRatio * (sectorInfo(code)?.labourShare ?? FALLBACK_LABOUR_SHARE);
}
