import { useCallback, useState } from 'react';

/**
 * Tracks one form's submission: pending while the request runs, the error it
 * failed with (kept until the next attempt), and a success flag for the
 * "saved" confirmation.
 */
export function useSubmission() {
  const [isPending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [hasSucceeded, setSucceeded] = useState(false);

  const run = useCallback(async (action: () => Promise<void>) => {
    setPending(true);
    setError(null);
    setSucceeded(false);
    try {
      await action();
      setSucceeded(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setPending(false);
    }
  }, []);

  const reset = useCallback(() => {
    setError(null);
    setSucceeded(false);
  }, []);

  return { isPending, error, hasSucceeded, run, setError, reset };
}
