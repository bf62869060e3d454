import { useSyncExternalStore } from 'react';

/**
 * Live result of a CSS media query. Read synchronously on the first render (unlike antd's
 * useBreakpoint), so a phone never flashes the desktop layout first.
 */
export const useMediaQuery = (query: string): boolean =>
  useSyncExternalStore(
    (notify) => {
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => window.matchMedia(query).matches,
    () => false,
  );

/** Below antd's `md` breakpoint (768 px): phones, where the side menu becomes a drawer. */
export const useIsNarrow = (): boolean => useMediaQuery('(max-width: 767.98px)');
