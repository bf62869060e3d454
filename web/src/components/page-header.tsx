import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

type PageHeaderProps = { title: ReactNode; subtitle?: ReactNode; extra?: ReactNode };

/** Title row of a workspace page; the actions wrap under the title on narrow screens. */
export const PageHeader = ({ title, subtitle, extra }: PageHeaderProps) => (
  <Flex wrap justify="space-between" align="flex-start" gap={12} className="page-header">
    <div className="page-header-text">
      <Typography.Title level={3} className="page-header-title">
        {title}
      </Typography.Title>
      {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
    </div>
    {extra ? <div className="page-header-extra">{extra}</div> : null}
  </Flex>
);
