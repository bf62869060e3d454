import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, Skeleton } from 'antd';
import { useNavigate } from 'react-router-dom';
import { ErrorAlert } from './error-alert.tsx';
import { PageHeader } from './page-header.tsx';

/** The button in a detail page's header that goes back to the list the record came from. */
export const BackButton = ({ to, label, testId }: { to: string; label: string; testId: string }) => {
  const navigate = useNavigate();
  return (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(to)} data-testid={testId}>
      {label}
    </Button>
  );
};

/**
 * A detail page while its record is loading or could not be read: the page's title and the way
 * back stay in place, so a failed read can be retried or left without losing one's bearings.
 */
export const DetailPlaceholder = ({
  title,
  back,
  query,
}: {
  title: string;
  back: React.ReactNode;
  query: { isError: boolean; error: unknown; refetch: () => unknown };
}) => (
  <div className="page">
    <PageHeader title={title} extra={back} />
    {query.isError ? (
      <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />
    ) : (
      <Card>
        <Skeleton active />
      </Card>
    )}
  </div>
);
