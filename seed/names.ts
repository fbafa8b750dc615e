/**
 * Firm names for the synthetic network: Korean names from syllable parts with the romanisations Korean firms
 * commonly use ("Hanil Precision" / "한일정밀"), initials names ("DH Tech" / "디에이치테크"), place-word names
 * ("Noksan Marine" / "녹산마린"), and foreign-style names for overseas partners. Any likeness to a real
 * firm is by chance: names are drawn, not looked up.
 */
import type { Prng } from './prng.ts';

type Part = readonly [ko: string, en: string];

const FIRST: readonly Part[] = [
  ['한', 'Han'], ['대', 'Dae'], ['동', 'Dong'], ['세', 'Se'], ['태', 'Tae'], ['삼', 'Sam'], ['우', 'Woo'],
  ['신', 'Shin'], ['성', 'Sung'], ['영', 'Young'], ['진', 'Jin'], ['광', 'Kwang'], ['원', 'Won'], ['화', 'Hwa'],
  ['경', 'Kyung'], ['명', 'Myung'], ['보', 'Bo'], ['부', 'Bu'], ['해', 'Hae'], ['금', 'Geum'], ['남', 'Nam'],
  ['서', 'Seo'], ['정', 'Jung'], ['창', 'Chang'], ['덕', 'Duk'], ['흥', 'Heung'], ['유', 'Yu'], ['고', 'Go'],
  ['일', 'Il'], ['현', 'Hyun'], ['국', 'Kook'], ['제', 'Je'], ['청', 'Chung'], ['미', 'Mi'], ['용', 'Yong'],
  ['승', 'Seung'], ['상', 'Sang'], ['효', 'Hyo'], ['지', 'Ji'], ['은', 'Eun'], ['천', 'Chun'], ['아', 'A'],
  ['오', 'O'], ['풍', 'Poong'], ['장', 'Jang'], ['백', 'Baek'], ['석', 'Seok'], ['수', 'Su'], ['주', 'Ju'],
  ['평', 'Pyung'], ['금', 'Kum'], ['두', 'Doo'], ['송', 'Song'], ['인', 'In'],
];

const SECOND: readonly Part[] = [
  ['일', 'il'], ['성', 'sung'], ['진', 'jin'], ['영', 'young'], ['양', 'yang'], ['광', 'kwang'], ['원', 'won'],
  ['화', 'hwa'], ['신', 'shin'], ['흥', 'heung'], ['우', 'woo'], ['한', 'han'], ['도', 'do'], ['명', 'myung'],
  ['창', 'chang'], ['보', 'bo'], ['아', 'a'], ['림', 'rim'], ['산', 'san'], ['해', 'hae'], ['경', 'kyung'],
  ['정', 'jung'], ['인', 'in'], ['호', 'ho'], ['민', 'min'], ['남', 'nam'], ['풍', 'poong'], ['선', 'sun'],
  ['덕', 'duk'], ['동', 'dong'], ['주', 'ju'], ['안', 'an'], ['현', 'hyun'], ['강', 'kang'],
];

const PLACE_WORDS: readonly Part[] = [
  ['부산', 'Busan'], ['낙동', 'Nakdong'], ['녹산', 'Noksan'], ['사상', 'Sasang'], ['신평', 'Sinpyeong'],
  ['다대', 'Dadae'], ['해운', 'Haewoon'], ['기장', 'Gijang'], ['영도', 'Yeongdo'], ['남해', 'Namhae'],
  ['동해', 'Donghae'], ['서해', 'Seohae'], ['태평양', 'Pacific'], ['동방', 'Dongbang'], ['금강', 'Kumkang'],
  ['백두', 'Baekdu'], ['한라', 'Hallasan'], ['미래', 'Mirae'], ['대한', 'Daehan'], ['동아', 'Donga'],
];

const LETTERS: readonly Part[] = [
  ['디', 'D'], ['에이치', 'H'], ['에스', 'S'], ['제이', 'J'], ['케이', 'K'], ['엠', 'M'], ['티', 'T'],
  ['와이', 'Y'], ['비', 'B'], ['더블유', 'W'], ['엔', 'N'], ['지', 'G'], ['씨', 'C'], ['이', 'E'],
  ['피', 'P'], ['에이', 'A'],
];

const SUFFIX: Readonly<Record<string, readonly Part[]>> = {
  '10': [['식품', 'Foods'], ['수산', 'Fisheries'], ['에프앤비', 'F&B'], ['푸드', 'Food']],
  '13': [['섬유', 'Textile'], ['텍스', 'Tex'], ['방직', 'Spinning']],
  '15': [['산업', 'Industrial'], ['슈즈', 'Shoes'], ['인터내셔널', 'International'], ['신발', 'Footwear']],
  '20': [['화학', 'Chemical'], ['케미칼', 'Chemical'], ['도료', 'Paint'], ['켐텍', 'Chemtech']],
  '22': [['고무', 'Rubber'], ['폴리머', 'Polymer'], ['플라스틱', 'Plastics'], ['산업', 'Industrial']],
  '24': [['금속', 'Metal'], ['철강', 'Steel'], ['스틸', 'Steel'], ['주조', 'Casting'], ['단조', 'Forging']],
  '25': [['금속', 'Metal'], ['정공', 'Precision Works'], ['기공', 'Machine Works'], ['메탈', 'Metal'], ['테크', 'Tech'], ['산업', 'Industrial']],
  '26': [['전자', 'Electronics'], ['일렉트로닉스', 'Electronics'], ['테크', 'Tech'], ['시스템', 'Systems']],
  '27': [['계측', 'Instruments'], ['정밀', 'Precision'], ['시스템', 'Systems'], ['센서', 'Sensor'], ['엔지니어링', 'Engineering']],
  '28': [['전기', 'Electric'], ['전기공업', 'Electric Industrial'], ['일렉트릭', 'Electric'], ['전선', 'Cable'], ['파워텍', 'Powertech']],
  '29': [['기계', 'Machinery'], ['정밀', 'Precision'], ['유압', 'Hydraulics'], ['밸브', 'Valve'], ['펌프', 'Pump'], ['엔지니어링', 'Engineering'], ['중공업', 'Heavy Industries']],
  '30': [['오토텍', 'Autotech'], ['산업', 'Industrial'], ['정공', 'Precision Works'], ['오토', 'Auto'], ['모텍', 'Motech']],
  '31': [['조선', 'Shipbuilding'], ['마린', 'Marine'], ['해양', 'Ocean'], ['중공업', 'Heavy Industries'], ['선박', 'Ship'], ['조선기자재', 'Marine Equipment']],
  '33': [['산업', 'Industrial'], ['기업', 'Enterprise'], ['코리아', 'Korea']],
  '46': [['상사', 'Trading'], ['무역', 'Trading'], ['유통', 'Distribution'], ['물산', 'Corporation']],
  '72': [['엔지니어링', 'Engineering'], ['기술', 'Technology'], ['기술연구소', 'Research']],
};
const GENERIC_SUFFIX: readonly Part[] = [['산업', 'Industrial'], ['테크', 'Tech']];

const FOREIGN_FIRST = [
  'Nordic', 'Pacific', 'Hanse', 'Atlantic', 'Baltic', 'Meridian', 'Orient', 'Delta', 'Apex', 'Vector', 'Harbor',
  'Kestrel', 'Polaris', 'Aurora', 'Tasman', 'Coral', 'Sierra', 'Summit', 'Titan', 'Zenith', 'Lumen', 'Fjord',
];
const FOREIGN_TRADE: Readonly<Record<string, readonly string[]>> = {
  '10': ['Foods', 'Seafood'], '13': ['Textiles'], '15': ['Footwear', 'Athletics'], '20': ['Chemicals', 'Coatings'],
  '22': ['Polymers'], '24': ['Steel', 'Metals'], '25': ['Components'], '26': ['Electronics', 'Semiconductor'],
  '27': ['Instruments', 'Controls'], '28': ['Electric', 'Power'], '29': ['Machinery', 'Motion'],
  '30': ['Automotive'], '31': ['Marine', 'Shipping', 'Offshore'], '33': ['Goods'], '46': ['Trading', 'Sourcing'],
  '72': ['Engineering'],
};
const FOREIGN_LEGAL = ['GmbH', 'Ltd', 'Inc.', 'AS', 'Pte Ltd', 'B.V.', 'S.p.A.', 'Co., Ltd', 'LLC', 'Oy'];

export interface FirmName {
  name: string;
  nameKo?: string;
}

/**
 * Draws names; with `unique`, never the same English or Korean name twice (a clash is redrawn, then numbered).
 */
export class NameMaker {
  private readonly used = new Set<string>();
  private readonly usedKo = new Set<string>();

  constructor(
    private readonly rng: Prng,
    private readonly unique = true,
  ) {}

  korean(sector: string): FirmName {
    return this.claim(() => this.drawKorean(sector));
  }

  foreign(sector: string): FirmName {
    return this.claim(() => this.drawForeign(sector));
  }

  /** Reserves a name given from outside (the named firms) so that no drawn name repeats it. */
  reserve(name: FirmName): void {
    this.used.add(name.name);
    if (name.nameKo !== undefined) this.usedKo.add(name.nameKo);
  }

  private taken(name: FirmName): boolean {
    return this.used.has(name.name) || (name.nameKo !== undefined && this.usedKo.has(name.nameKo));
  }

  private claim(draw: () => FirmName): FirmName {
    let candidate = draw();
    if (!this.unique) return candidate;
    for (let attempt = 0; attempt < 40 && this.taken(candidate); attempt++) candidate = draw();
    const base = candidate;
    for (let k = 2; this.taken(candidate); k++) {
      candidate = { name: `${base.name} ${k}`, ...(base.nameKo !== undefined && { nameKo: `${base.nameKo} ${k}` }) };
    }
    this.reserve(candidate);
    return candidate;
  }

  private drawKorean(sector: string): FirmName {
    const rng = this.rng;
    const suffixes = SUFFIX[sector] ?? GENERIC_SUFFIX;
    const [sufKo, sufEn] = rng.pick(suffixes);
    const style = rng.next();
    if (style < 0.14) {
      const a = rng.pick(LETTERS);
      const b = rng.pick(LETTERS);
      return { name: `${a[1]}${b[1]} ${sufEn}`, nameKo: `${a[0]}${b[0]}${sufKo}` };
    }
    if (style < 0.26) {
      const [pKo, pEn] = rng.pick(PLACE_WORDS);
      return { name: `${pEn} ${sufEn}`, nameKo: `${pKo}${sufKo}` };
    }
    const [fKo, fEn] = rng.pick(FIRST);
    const [sKo, sEn] = rng.pick(SECOND);
    return { name: `${fEn}${sEn} ${sufEn}`, nameKo: `${fKo}${sKo}${sufKo}` };
  }

  private drawForeign(sector: string): FirmName {
    const rng = this.rng;
    const trade = FOREIGN_TRADE[sector] ?? ['Industries'];
    return { name: `${rng.pick(FOREIGN_FIRST)} ${rng.pick(trade)} ${rng.pick(FOREIGN_LEGAL)}` };
  }
}
