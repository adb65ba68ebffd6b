import { liveHeadline } from '../../src/realtimeView';

describe('liveHeadline', () => {
  it('says how many visitors came in the window, in whole minutes', () => {
    // Act / Assess
    expect(liveHeadline(3, 300, 'en-US')).toBe('3 visitors in the last 5 minutes');
    expect(liveHeadline(1, 300, 'en-US')).toBe('1 visitor in the last 5 minutes');
    expect(liveHeadline(0, 300, 'en-US')).toBe('0 visitors in the last 5 minutes');
    expect(liveHeadline(1234, 60, 'en-US')).toBe('1,234 visitors in the last minute');
  });
});
