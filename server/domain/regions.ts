/** The home region of the programme, and Busan's 16 gu/gun (구·군). */
export const HOME_REGION = 'Busan';

export const BUSAN_DISTRICTS = [
  { id: 'Jung-gu', ko: '중구' },
  { id: 'Seo-gu', ko: '서구' },
  { id: 'Dong-gu', ko: '동구' },
  { id: 'Yeongdo-gu', ko: '영도구' },
  { id: 'Busanjin-gu', ko: '부산진구' },
  { id: 'Dongnae-gu', ko: '동래구' },
  { id: 'Nam-gu', ko: '남구' },
  { id: 'Buk-gu', ko: '북구' },
  { id: 'Haeundae-gu', ko: '해운대구' },
  { id: 'Saha-gu', ko: '사하구' },
  { id: 'Geumjeong-gu', ko: '금정구' },
  { id: 'Gangseo-gu', ko: '강서구' },
  { id: 'Yeonje-gu', ko: '연제구' },
  { id: 'Suyeong-gu', ko: '수영구' },
  { id: 'Sasang-gu', ko: '사상구' },
  { id: 'Gijang-gun', ko: '기장군' },
] as const;

export type BusanDistrict = (typeof BUSAN_DISTRICTS)[number]['id'];
export const BUSAN_DISTRICT_IDS = BUSAN_DISTRICTS.map((d) => d.id) as [BusanDistrict, ...BusanDistrict[]];

/** Regions the seed uses; the model accepts any region name. */
export const KNOWN_REGIONS = [
  { id: 'Busan', ko: '부산' },
  { id: 'Gyeongnam', ko: '경남' },
  { id: 'Ulsan', ko: '울산' },
  { id: 'Daegu', ko: '대구' },
  { id: 'Capital', ko: '수도권' },
  { id: 'Overseas', ko: '해외' },
] as const;
