import { createSessionStore } from '../../src/session';
import { memoryStorage } from '../helpers/memoryStorage';

const NOW = new Date('2026-11-26T12:00:00Z');
const SESSION = { token: 'gAAAAA-token', expiresAt: '2026-11-27T00:00:00.000Z' };

describe('session store', () => {
  it('keeps a session until it expires', () => {
    // Prepare
    const store = createSessionStore(memoryStorage());

    // Act
    store.save(SESSION);

    // Assess
    expect(store.status(NOW)).toEqual({ kind: 'active', session: SESSION });
    expect(store.status(new Date('2026-11-27T00:00:00Z'))).toEqual({ kind: 'expired' });
  });

  it('forgets the session on sign-out', () => {
    // Prepare
    const storage = memoryStorage();
    const store = createSessionStore(storage);
    store.save(SESSION);

    // Act
    store.clear();

    // Assess
    expect(store.status(NOW)).toEqual({ kind: 'none' });
    expect(storage.data.size).toBe(0);
  });

  it('treats a tampered entry as no session', () => {
    // Prepare
    const storage = memoryStorage();
    const store = createSessionStore(storage);

    // Act / Assess
    for (const bad of ['{', 'null', '{"token":3}', '{"token":"t","expiresAt":"soon"}']) {
      storage.data.set('footfall.session', bad);
      expect(store.status(NOW).kind).not.toBe('active');
    }
  });

  it('still signs in when the browser refuses storage, for the life of the page', () => {
    // Prepare
    const store = createSessionStore(memoryStorage({ refuse: true }));

    // Act
    store.save(SESSION);

    // Assess
    expect(store.status(NOW)).toEqual({ kind: 'active', session: SESSION });
    store.clear();
    expect(store.status(NOW)).toEqual({ kind: 'none' });
  });
});
