import { ArrowLeftOutlined } from '@ant-design/icons';
import { App, Button, Card, Skeleton } from 'antd';
import { type ReactNode, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import {
  createOrder,
  type OrderContent,
  type OrderDetail,
  runOrderAction,
  updateOrder,
  useOrder,
  useOrderMutation,
} from '../../api/orders.ts';
import { ErrorAlert } from '../../components/error-alert.tsx';
import { ForbiddenResult } from '../../components/forbidden-result.tsx';
import { allowedActions, canEdit } from '../../components/orders/allowed-actions.ts';
import { OrderForm } from '../../components/orders/order-form.tsx';
import {
  emptyOrderForm,
  formFromContent,
  type Me,
  partnerOf,
} from '../../components/orders/order-form-model.ts';
import { PageHeader } from '../../components/page-header.tsx';
import { useActiveOrg } from '../../session/current-org.tsx';

const orderPath = (orderId: string) => `/orders/${encodeURIComponent(orderId)}`;

const useMe = (): Me => {
  const { orgId, membership } = useActiveOrg();
  const { nameEn, nameZh, country } = membership.organisation;
  // The English name goes into the order: its documents travel to partners abroad.
  return { organisationId: orgId, name: nameEn || nameZh, country };
};

const BackButton = ({ to }: { to: string }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(to)} data-testid="order-back">
      {t('orders.back')}
    </Button>
  );
};

export const OrderNewPage = () => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { orgId } = useActiveOrg();
  const me = useMe();
  const initialValues = useMemo(() => emptyOrderForm(), []);
  const create = useOrderMutation(orgId, (content: OrderContent) => createOrder(orgId, content));
  return (
    <div className="page">
      <PageHeader
        title={t('orders.form.newTitle')}
        subtitle={t('orders.form.newSubtitle')}
        extra={<BackButton to="/orders" />}
      />
      <OrderForm
        me={me}
        initialValues={initialValues}
        initialPartner={null}
        submitLabel={t('orders.form.saveDraft')}
        onSubmit={async (content) => {
          const order = await create.mutateAsync(content);
          void message.success(t('orders.form.created'));
          navigate(orderPath(order.id));
        }}
      />
    </div>
  );
};

/** Loads the order, then renders the form page for it (edit a draft or counter an offer). */
const WithOrder = ({ render }: { render: (order: OrderDetail) => ReactNode }) => {
  const { t } = useTranslation();
  const { orderId = '' } = useParams();
  const { orgId } = useActiveOrg();
  const order = useOrder(orgId, orderId);
  if (order.isPending) {
    return (
      <div className="page">
        <Card>
          <Skeleton active />
        </Card>
      </div>
    );
  }
  if (order.isError) {
    return (
      <div className="page">
        <PageHeader title={t('orders.detail.title')} extra={<BackButton to="/orders" />} />
        <ErrorAlert error={order.error} onRetry={() => void order.refetch()} />
      </div>
    );
  }
  return <>{render(order.data)}</>;
};

export const OrderEditPage = () => <WithOrder render={(order) => <EditForm order={order} />} />;

const EditForm = ({ order }: { order: OrderDetail }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { orgId } = useActiveOrg();
  const me = useMe();
  const initialValues = useMemo(() => formFromContent(order.content, orgId), [order.content, orgId]);
  const update = useOrderMutation(orgId, (content: OrderContent) =>
    updateOrder(orgId, order.id, { version: order.version, content }),
  );
  const back = orderPath(order.id);
  if (!canEdit(order, orgId)) {
    return (
      <div className="page">
        <PageHeader title={t('orders.form.editTitle')} extra={<BackButton to={back} />} />
        <ForbiddenResult />
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeader
        title={t('orders.form.editTitle')}
        subtitle={order.content.buyerReference}
        extra={<BackButton to={back} />}
      />
      <OrderForm
        me={me}
        initialValues={initialValues}
        initialPartner={partnerOf(order.content, orgId)}
        submitLabel={t('common.save')}
        onSubmit={async (content) => {
          await update.mutateAsync(content);
          void message.success(t('orders.form.saved'));
          navigate(back);
        }}
      />
    </div>
  );
};

export const OrderCounterPage = () => <WithOrder render={(order) => <CounterForm order={order} />} />;

const CounterForm = ({ order }: { order: OrderDetail }) => {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { orgId } = useActiveOrg();
  const me = useMe();
  const initialValues = useMemo(() => formFromContent(order.content, orgId), [order.content, orgId]);
  const counter = useOrderMutation(orgId, (content: OrderContent) =>
    runOrderAction(orgId, order.id, { action: 'counter', version: order.version, content }),
  );
  const back = orderPath(order.id);
  if (!allowedActions(order, orgId).includes('counter')) {
    return (
      <div className="page">
        <PageHeader title={t('orders.form.counterTitle')} extra={<BackButton to={back} />} />
        <ForbiddenResult />
      </div>
    );
  }
  return (
    <div className="page">
      <PageHeader
        title={t('orders.form.counterTitle')}
        subtitle={t('orders.form.counterSubtitle', { reference: order.content.buyerReference })}
        extra={<BackButton to={back} />}
      />
      <OrderForm
        me={me}
        initialValues={initialValues}
        initialPartner={partnerOf(order.content, orgId)}
        partiesLocked
        submitLabel={t('orders.form.sendCounter')}
        onSubmit={async (content) => {
          // Who the parties are is not up for negotiation: their full records go back unchanged.
          await counter.mutateAsync({ ...content, seller: order.content.seller, buyer: order.content.buyer });
          void message.success(t('orders.form.countered'));
          navigate(back);
        }}
      />
    </div>
  );
};
