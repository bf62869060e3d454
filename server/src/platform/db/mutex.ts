export type Mutex = {
  /** Waits for every earlier holder to release, then returns this holder's release function. */
  lock(): Promise<() => void>;
};

/** A first-come first-served async lock: a queue of promises, each waiting for the one before. */
export const createMutex = (): Mutex => {
  let tail: Promise<void> = Promise.resolve();
  return {
    lock: async () => {
      let release: () => void = () => {};
      const released = new Promise<void>((resolve) => {
        release = resolve;
      });
      const previous = tail;
      tail = previous.then(() => released);
      await previous;
      let done = false;
      return () => {
        // Releasing twice must not release the next holder's turn.
        if (!done) {
          done = true;
          release();
        }
      };
    },
  };
};
