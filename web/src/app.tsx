import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, type ThemeConfig } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { isApiError, setUnauthenticatedHandler } from './api/client.ts';
import { type AppRouter, createRouter, isPublicPath } from './router.tsx';

const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1668dc',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
  },
};

const createQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx answer will not change by asking again; only transient failures are retried.
        retry: (failureCount, error) =>
          failureCount < 2 && !(isApiError(error) && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });

const wireSessionExpiry = (router: AppRouter, queryClient: QueryClient) => {
  setUnauthenticatedHandler(() => {
    const { pathname, search } = router.state.location;
    if (isPublicPath(pathname)) {
      return;
    }
    void router.navigate(`/login?next=${encodeURIComponent(`${pathname}${search}`)}`, { replace: true });
    // After the navigation, so no page still on screen refetches what was just forgotten.
    setTimeout(() => queryClient.clear(), 0);
  });
};

const queryClient = createQueryClient();
const router = createRouter();
wireSessionExpiry(router, queryClient);

/** Providers in the order they depend on each other; Ant Design's locale follows the UI language. */
export const App = () => {
  const { i18n, t } = useTranslation();
  const zh = i18n.language === 'zh-CN';

  useEffect(() => {
    document.documentElement.lang = i18n.language;
    document.title = t('app.title');
  }, [i18n.language, t]);

  return (
    <QueryClientProvider client={queryClient}>
      <ConfigProvider locale={zh ? zhCN : enUS} theme={theme}>
        <AntApp>
          <RouterProvider router={router} />
        </AntApp>
      </ConfigProvider>
    </QueryClientProvider>
  );
};
