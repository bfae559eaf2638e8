/**
 * A small key-value store over the iframe's localStorage. Storage can be missing or throw (blocked third-party
 * storage, private modes, a full quota); the chat then still works for this page view from memory.
 */
export interface KeyValueStore {
  get(key: string): string | null;
  set(key: string, value: string): void;
  remove(key: string): void;
}

/** A store in memory only (tests, and the fallback when localStorage is unusable). */
export function createMemoryStore(): KeyValueStore {
  const values = new Map<string, string>();
  return {
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    remove: (key) => void values.delete(key),
  };
}

/** localStorage when it works, with every access guarded; memory otherwise. */
export function createBrowserStore(): KeyValueStore {
  let storage: Storage;
  try {
    storage = window.localStorage;
    storage.setItem('rapport:probe', '1');
    storage.removeItem('rapport:probe');
  } catch {
    return createMemoryStore();
  }
  const memory = createMemoryStore();
  return {
    get(key) {
      try {
        return storage.getItem(key);
      } catch {
        return memory.get(key);
      }
    },
    set(key, value) {
      try {
        storage.setItem(key, value);
      } catch {
        memory.set(key, value); // over quota: keep it for this page view at least
      }
    },
    remove(key) {
      try {
        storage.removeItem(key);
      } catch {
        memory.remove(key);
      }
    },
  };
}

/** The storage keys of one widget (one site can embed two widgets, each with its own visitor). */
export function storageKeys(widgetKey: string) {
  return {
    token: `rapport:${widgetKey}:token`,
    outbox: `rapport:${widgetKey}:outbox`,
    readUpTo: `rapport:${widgetKey}:read`,
    preChatDone: `rapport:${widgetKey}:prechat`,
    config: `rapport:${widgetKey}:config`,
  };
}
