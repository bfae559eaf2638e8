import { useEffect, useState } from 'react';

export type ChannelResource<T> = { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; value: T };

/**
 * Something a channel's settings panel reads from the server (its widget setup, its webhook), fetched again when
 * the channel changes; an answer for a channel no longer shown is dropped. The setter puts a newer value in place
 * (after a rotation, say).
 */
export function useChannelResource<T>(
  fetch: (channelId: string) => Promise<T>,
  channelId: string,
): [ChannelResource<T>, (value: T) => void] {
  const [loaded, setLoaded] = useState<ChannelResource<T>>({ status: 'loading' });
  useEffect(() => {
    let isCurrent = true;
    setLoaded({ status: 'loading' });
    fetch(channelId).then(
      (value) => isCurrent && setLoaded({ status: 'ready', value }),
      (error: unknown) => isCurrent && setLoaded({ status: 'failed', error }),
    );
    return () => {
      isCurrent = false;
    };
  }, [fetch, channelId]);
  return [loaded, (value: T) => setLoaded({ status: 'ready', value })];
}
