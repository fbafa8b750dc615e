import { describe, expect, it } from 'vitest';
import { brnCheckDigit, isValidBrn } from '../../../server/domain/brn.ts';

describe('business registration number', () => {
  it('accepts numbers whose check digit matches, with or without dashes', () => {
    // 220-81-62517 is the BRN published on Naver Corp.'s site; 124-81-00998 Samsung Electronics'.
    expect(isValidBrn('2208162517')).toBe(true);
    expect(isValidBrn('220-81-62517')).toBe(true);
    expect(isValidBrn('1248100998')).toBe(true);
  });
  it('refuses a wrong check digit, wrong length or letters', () => {
    expect(isValidBrn('2208162518')).toBe(false);
    expect(isValidBrn('220816251')).toBe(false);
    expect(isValidBrn('22081625a7')).toBe(false);
  });
  it('computes the check digit including the ⌊d9·5/10⌋ term', () => {
    expect(brnCheckDigit('220816251')).toBe(7);
    expect(brnCheckDigit('124810099')).toBe(8);
  });
});
