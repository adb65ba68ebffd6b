// The session keys of a container: read on first use, re-read once 5 minutes old (key rotation), and kept
// through a failed re-read.
import { generateKey } from '@footfall/tokens';
import { createKeyProvider } from '../../src/authKey';
import { KEY_REFRESH_MS, KEY_RETRY_MS } from '../../src/constants';

const T0 = Date.UTC(2026, 2, 10, 12);

/** A provider over a settable parameter value and clock, counting its reads. */
function providerOver(initial: string) {
  const state = { value: initial, now: T0, reads: 0, fail: false, stale: 0 };
  const provider = createKeyProvider(
    { kind: 'parameter', name: '/footfall/auth-key' },
    {
      load: async () => {
        state.reads += 1;
        if (state.fail) throw new Error('SSM throttled (simulated)');
        return state.value;
      },
      now: () => state.now,
      onStale: () => {
        state.stale += 1;
      },
    },
  );
  return { provider, state };
}

describe('createKeyProvider', () => {
  it('reads the keys once and serves them from memory while they are under 5 minutes old', async () => {
    // Prepare
    const { provider, state } = providerOver(generateKey());

    // Act
    const first = await provider.get();
    state.now = T0 + KEY_REFRESH_MS - 1;
    const second = await provider.get();

    // Assess
    expect(second).toBe(first);
    expect(state.reads).toBe(1);
  });

  it('picks up a rotation within 5 minutes: the new key signs, the previous one still verifies', async () => {
    // Prepare
    const previous = generateKey();
    const { provider, state } = providerOver(previous);
    const before = await provider.get();
    const rotated = generateKey();

    // Act
    state.value = `${rotated}\n${previous}`;
    state.now = T0 + KEY_REFRESH_MS;
    const after = await provider.get();

    // Assess
    expect(state.reads).toBe(2);
    expect(after.current.id).not.toBe(before.current.id);
    expect(after.all.map((k) => k.id)).toEqual([after.current.id, before.current.id]);
  });

  it('keeps serving the keys in hand when a re-read fails, and tries again 30 s later', async () => {
    // Prepare
    const { provider, state } = providerOver(generateKey());
    const before = await provider.get();
    state.fail = true;

    // Act
    state.now = T0 + KEY_REFRESH_MS;
    const duringOutage = await provider.get();
    state.now += KEY_RETRY_MS - 1;
    await provider.get();
    const readsBeforeRetry = state.reads;
    state.fail = false;
    state.now += 1;
    await provider.get();

    // Assess
    expect(duringOutage).toBe(before);
    expect(state.stale).toBe(1);
    expect(readsBeforeRetry).toBe(2);
    expect(state.reads).toBe(3);
  });

  it('fails the first read when the setting is not a keyring, without repeating the setting', async () => {
    // Prepare
    const { provider } = providerOver('not-a-key');

    // Act
    const result = provider.get();

    // Assess
    await expect(result).rejects.toThrow('not usable');
    await expect(provider.get()).rejects.not.toThrow('not-a-key');
  });
});
