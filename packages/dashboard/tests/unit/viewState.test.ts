import { resolveView } from '../../src/resolveView';
import { formatViewState, parseViewState } from '../../src/viewState';

const NOW = new Date('2026-11-26T12:00:00Z');
const CONTEXT = { sites: ['example.com', 'blog.example.com'], browserTz: 'Europe/Paris', now: NOW };

describe('URL-hash state', () => {
  it('survives a round trip, path and zone included', () => {
    // Prepare
    const state = {
      site: 'blog.example.com',
      period: 'custom' as const,
      from: '2026-11-01',
      to: '2026-11-15',
      tz: 'America/New_York',
      interval: 'week' as const,
      path: '/posts/a b?&=#',
    };

    // Act
    const hash = formatViewState(state);

    // Assess
    expect(hash.startsWith('#site=blog.example.com&period=custom&from=2026-11-01&to=2026-11-15')).toBe(true);
    expect(parseViewState(hash)).toEqual(state);
  });

  it('drops what it does not recognise instead of failing', () => {
    // Act
    const state = parseViewState('#site=<script>&period=forever&tz=Mars%2FOlympus&interval=decade&path=nope');

    // Assess
    expect(state).toEqual({ period: '7d' });
  });

  it('reads an empty hash as the default view', () => {
    // Act / Assess
    expect(parseViewState('')).toEqual({ period: '7d' });
  });

  it('keeps the comparison as compare=previous, after the other fields, and only when it is on', () => {
    // Prepare
    const state = { site: 'example.com', period: '30d' as const, tz: 'UTC', compare: true };

    // Act
    const hash = formatViewState(state);

    // Assess
    expect(hash).toBe('#site=example.com&period=30d&tz=UTC&compare=previous');
    expect(parseViewState(hash)).toEqual(state);
    expect(formatViewState({ ...state, compare: false })).toBe('#site=example.com&period=30d&tz=UTC');
    expect(formatViewState({ ...state, compare: undefined })).toBe('#site=example.com&period=30d&tz=UTC');
  });

  it('ignores a comparison it does not know', () => {
    // Act / Assess
    expect(parseViewState('#period=7d&compare=year')).toEqual({ period: '7d' });
    expect(parseViewState('#period=7d&compare=1')).toEqual({ period: '7d' });
  });

  it('keeps custom days only for a custom period', () => {
    // Act / Assess
    expect(parseViewState('#period=30d&from=2026-11-01&to=2026-11-02')).toEqual({ period: '30d' });
    expect(formatViewState({ period: '30d', from: '2026-11-01' })).toBe('#period=30d');
  });
});

describe('resolveView', () => {
  it('fills in the first site, the browser zone and the default interval', () => {
    // Act
    const view = resolveView({ period: 'today' }, CONTEXT);

    // Assess
    expect(view.state).toEqual({ site: 'example.com', period: 'today', tz: 'Europe/Paris' });
    expect(view.range).toEqual({ from: '2026-11-26', to: '2026-11-26' });
    expect(view.interval).toBe('hour');
  });

  it('replaces an unknown site and forgets the page filter that came with it', () => {
    // Act
    const view = resolveView({ site: 'gone.example', period: '7d', path: '/x' }, CONTEXT);

    // Assess
    expect(view.state.site).toBe('example.com');
    expect(view.state.path).toBeUndefined();
  });

  it('keeps the comparison through defaults, also when the site is replaced', () => {
    // Act
    const view = resolveView({ site: 'gone.example', period: '7d', compare: true }, CONTEXT);

    // Assess
    expect(view.state).toEqual({ site: 'example.com', period: '7d', tz: 'Europe/Paris', compare: true });
    expect(formatViewState(view.state)).toBe(
      '#site=example.com&period=7d&tz=Europe%2FParis&compare=previous',
    );
  });

  it('keeps the page filter on a known site', () => {
    // Act
    const view = resolveView({ site: 'blog.example.com', period: '7d', path: '/x' }, CONTEXT);

    // Assess
    expect(view.state.path).toBe('/x');
  });

  it('drops an interval the range does not allow', () => {
    // Act
    const view = resolveView(
      { period: 'custom', from: '2026-01-01', to: '2026-11-26', interval: 'hour' },
      CONTEXT,
    );

    // Assess
    expect(view.state.interval).toBeUndefined();
    expect(view.interval).toBe('week');
    expect(view.intervals).toEqual(['day', 'week', 'month']);
  });

  it('shows the last 7 days for a custom range that is incomplete', () => {
    // Act
    const view = resolveView({ period: 'custom', from: '2026-11-10' }, CONTEXT);

    // Assess
    expect(view.range).toEqual({ from: '2026-11-20', to: '2026-11-26' });
    expect(view.state).toMatchObject({ period: 'custom', from: '2026-11-20', to: '2026-11-26' });
  });
});
