import { BREAKDOWN_DIMENSIONS } from '@footfall/core-model/schemas';
import { countryName, displayValue, TABLES } from '../../src/dimensions';

describe('breakdown tables', () => {
  it('cover every dimension the API offers, once', () => {
    // Act
    const shown = TABLES.map((t) => t.dimension);

    // Assess
    expect([...shown].sort()).toEqual([...BREAKDOWN_DIMENSIONS].sort());
  });

  it('show countries by name and devices capitalised', () => {
    // Act / Assess
    expect(countryName('FR', 'en')).toBe('France');
    expect(countryName('JP', 'de')).toBe('Japan');
    expect(countryName('??', 'en')).toBe('??');
    expect(displayValue('device', 'mobile', 'en')).toBe('Mobile');
    expect(displayValue('referrer', 'news.ycombinator.com', 'en')).toBe('news.ycombinator.com');
  });
});
