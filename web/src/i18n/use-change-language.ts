import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isUnauthenticated } from '../api/client.ts';
import { queryKeys } from '../api/query-keys.ts';
import { updateMe } from '../api/session.ts';
import type { Locale, Session } from '../api/types.ts';
import { rememberLocale } from './locale.ts';

/**
 * Switches the UI language at once, remembers it on this browser and, when signed in, saves it to
 * the user's profile so it follows them to other devices.
 */
export const useChangeLanguage = () => {
  const { i18n, t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  return useCallback(
    async (locale: Locale) => {
      rememberLocale(locale);
      await i18n.changeLanguage(locale);
      const session = queryClient.getQueryData<Session>(queryKeys.me);
      if (!session) {
        return;
      }
      // Written to the cache before the request: the layout applies the saved locale whenever it
      // differs from the UI language, and must not switch back while the request is in flight.
      queryClient.setQueryData<Session>(queryKeys.me, { ...session, user: { ...session.user, locale } });
      try {
        const { user } = await updateMe({ locale });
        queryClient.setQueryData<Session>(queryKeys.me, (old) => (old ? { ...old, user } : old));
      } catch (error) {
        if (!isUnauthenticated(error)) {
          void message.warning(t('language.saveFailed'));
        }
      }
    },
    [i18n, queryClient, message, t],
  );
};
