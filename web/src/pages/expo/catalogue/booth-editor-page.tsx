import { DownloadOutlined, FileExcelOutlined, PlusOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Skeleton,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { ProblemFieldError } from '../../../api/client.ts';
import {
  CATALOGUE_STATUSES,
  type CatalogueStatus,
  CERTIFICATION_SCHEMES,
  fetchAllOwnProducts,
  GATS_MODES,
  type GatsMode,
  type Product,
  type Service,
  type Showcase,
  useCertify,
  useEbops,
  useOwnProducts,
  useOwnServices,
  useOwnShowcase,
  useProductStatus,
  useSaveProduct,
  useSaveService,
  useSaveShowcase,
  useServiceStatus,
} from '../../../api/expo-catalogue.ts';
import { CountrySelect } from '../../../components/country-select.tsx';
import { ErrorAlert } from '../../../components/error-alert.tsx';
import { PageHeader } from '../../../components/page-header.tsx';
import { useTableExport } from '../../../components/use-table-export.ts';
import { useLabels } from '../../../i18n/labels.ts';
import { useFormat } from '../../../i18n/use-format.ts';
import { applyFieldErrors } from '../../../lib/form-errors.ts';
import { useActiveOrg } from '../../../session/current-org.tsx';
import { pick, priceText, splitList, VERIFICATION_COLOUR } from './catalogue-model.ts';

const STATUS_COLOUR: Record<CatalogueStatus, string> = {
  draft: 'default',
  published: 'green',
  withdrawn: 'orange',
};

const useStatusLabel = () => {
  const { t } = useTranslation();
  const labels: Record<CatalogueStatus, string> = {
    draft: t('expoCatalogue.status.draft'),
    published: t('expoCatalogue.status.published'),
    withdrawn: t('expoCatalogue.status.withdrawn'),
  };
  return (status: CatalogueStatus) => labels[status];
};

/** The exhibitor's booth editor: its showcase, products and services, each published when ready. */
export const BoothEditorPage = () => {
  const { t } = useTranslation();
  const { orgId } = useActiveOrg();
  const showcase = useOwnShowcase(orgId);
  return (
    <div data-testid="expo-booth-page">
      <PageHeader
        title={t('expoCatalogue.booth.title')}
        subtitle={t('expoCatalogue.booth.subtitle')}
        extra={
          showcase.data?.showcase?.status === 'published' ? (
            <Link to={`/expo/exhibitors/${orgId}`}>{t('expoCatalogue.booth.viewPublic')}</Link>
          ) : null
        }
      />
      {showcase.isPending ? <Skeleton active /> : null}
      {showcase.isError ? (
        <ErrorAlert error={showcase.error} onRetry={() => void showcase.refetch()} />
      ) : null}
      {showcase.isSuccess ? (
        <>
          <ShowcaseForm orgId={orgId} showcase={showcase.data.showcase} />
          {showcase.data.showcase === null ? (
            <Typography.Paragraph type="secondary">
              {t('expoCatalogue.booth.showcaseFirst')}
            </Typography.Paragraph>
          ) : (
            <>
              <ProductsCard orgId={orgId} />
              <ServicesCard orgId={orgId} />
            </>
          )}
        </>
      ) : null}
    </div>
  );
};

// ---------------------------------------------------------------- showcase

type ShowcaseValues = {
  displayNameZh: string;
  displayNameEn: string;
  introZh?: string;
  introEn?: string;
  country: string;
  cityZh?: string;
  cityEn?: string;
  unlocode?: string;
  website?: string;
  exportMarkets?: string[];
  shareTrackRecord?: boolean;
  status: CatalogueStatus;
};
const SHOWCASE_FIELDS = [
  'displayNameZh',
  'displayNameEn',
  'introZh',
  'introEn',
  'country',
  'cityZh',
  'cityEn',
  'unlocode',
  'website',
  'exportMarkets',
  'shareTrackRecord',
  'status',
];

const blankToUndefined = (value: string | undefined) =>
  value === undefined || value.trim() === '' ? undefined : value.trim();
/** `{ [key]: value }`, or nothing for an empty value (the API takes absent, not undefined). */
const optional = <K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, string>);

const ShowcaseForm = ({ orgId, showcase }: { orgId: string; showcase: Showcase | null }) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const statusLabel = useStatusLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<ShowcaseValues>();
  const save = useSaveShowcase(orgId);
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);

  useEffect(() => {
    form.setFieldsValue(
      showcase === null
        ? { status: 'draft', country: 'CN', shareTrackRecord: false }
        : {
            displayNameZh: showcase.displayNameZh,
            displayNameEn: showcase.displayNameEn,
            introZh: showcase.introZh,
            introEn: showcase.introEn,
            country: showcase.country,
            cityZh: showcase.cityZh ?? '',
            cityEn: showcase.cityEn ?? '',
            unlocode: showcase.unlocode ?? '',
            website: showcase.website ?? '',
            exportMarkets: showcase.exportMarkets,
            shareTrackRecord: showcase.shareTrackRecord,
            status: showcase.status,
          },
    );
  }, [form, showcase]);

  const submit = async (values: ShowcaseValues) => {
    setUnmatched([]);
    const body = {
      displayNameZh: values.displayNameZh,
      displayNameEn: values.displayNameEn,
      introZh: values.introZh ?? '',
      introEn: values.introEn ?? '',
      country: values.country,
      exportMarkets: (values.exportMarkets ?? []).map((m) => m.toUpperCase()),
      // Always sent: a PUT replaces the showcase, and an absent flag means not shared.
      shareTrackRecord: values.shareTrackRecord === true,
      status: values.status,
      ...optional('cityZh', blankToUndefined(values.cityZh)),
      ...optional('cityEn', blankToUndefined(values.cityEn)),
      ...optional('unlocode', blankToUndefined(values.unlocode)?.toUpperCase()),
      ...optional('website', blankToUndefined(values.website)),
      ...(showcase === null ? {} : { version: showcase.version }),
    };
    try {
      await save.mutateAsync(body);
      void message.success(t('expoCatalogue.booth.saved'));
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, SHOWCASE_FIELDS, labels.fieldError));
    }
  };

  return (
    <Card title={t('expoCatalogue.booth.showcase')} className="block-gap" data-testid="expo-showcase-card">
      {save.isError ? <ErrorAlert error={save.error} fieldErrors={unmatched} /> : null}
      <Form<ShowcaseValues> form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="displayNameZh"
              label={t('expoCatalogue.showcase.displayNameZh')}
              rules={[{ required: true }]}
            >
              <Input maxLength={200} data-testid="expo-showcase-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="displayNameEn"
              label={t('expoCatalogue.showcase.displayNameEn')}
              rules={[{ required: true }]}
            >
              <Input maxLength={200} data-testid="expo-showcase-name-en" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="introZh" label={t('expoCatalogue.showcase.introZh')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="introEn" label={t('expoCatalogue.showcase.introEn')}>
              <Input.TextArea rows={3} maxLength={4000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="country"
              label={t('expoCatalogue.showcase.country')}
              rules={[{ required: true }]}
            >
              <CountrySelect testId="expo-showcase-country" />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="cityZh" label={t('expoCatalogue.showcase.cityZh')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={12} md={4}>
            <Form.Item name="cityEn" label={t('expoCatalogue.showcase.cityEn')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="unlocode" label={t('expoCatalogue.showcase.unlocode')}>
              <Input maxLength={5} placeholder="CNNGB" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="website" label={t('expoCatalogue.showcase.website')}>
              <Input maxLength={500} placeholder="https://" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="exportMarkets" label={t('expoCatalogue.showcase.exportMarkets')}>
              <Select mode="tags" tokenSeparators={[',', ' ']} placeholder="DE, MY" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="status" label={t('expoCatalogue.showcase.status')}>
              <Select options={CATALOGUE_STATUSES.map((s) => ({ value: s, label: statusLabel(s) }))} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            {/* The supplier's own choice: finance shares a credit score only when the organisation decides to. */}
            <Form.Item name="shareTrackRecord" valuePropName="checked" extra={t('expoTrackRecord.help')}>
              <Checkbox data-testid="expo-showcase-share-track-record">{t('expoTrackRecord.label')}</Checkbox>
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="expo-showcase-save">
          {t('expoCatalogue.booth.save')}
        </Button>
      </Form>
    </Card>
  );
};

// ---------------------------------------------------------------- products

type ProductValues = {
  nameZh: string;
  nameEn: string;
  descriptionZh?: string;
  descriptionEn?: string;
  hsCode: string;
  moq: string;
  moqUnit: string;
  price: { currency: string; min: string; max: string };
  leadTimeDays: number;
  exportMarkets?: string[];
  images?: string;
  certifications?: string[];
};
const PRODUCT_FIELDS = [
  'nameZh',
  'nameEn',
  'descriptionZh',
  'descriptionEn',
  'hsCode',
  'moq',
  'moqUnit',
  'price.currency',
  'price.min',
  'price.max',
  'leadTimeDays',
  'exportMarkets',
  'images',
];

const ProductsCard = ({ orgId }: { orgId: string }) => {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const statusLabel = useStatusLabel();
  const [page, setPage] = useState(1);
  const products = useOwnProducts(orgId, page, 20);
  const status = useProductStatus(orgId);
  const [editing, setEditing] = useState<Product | 'new' | null>(null);
  const language = i18n.language;

  const { exporting, runExport } = useTableExport<Product>({
    key: 'expo-products-export',
    fileNamePrefix: 'tradehub-expo-products',
    sheetName: () => t('expoCatalogue.booth.products'),
    columns: () => [
      { header: t('expoCatalogue.product.nameZh'), value: (p) => p.nameZh, width: 30 },
      { header: t('expoCatalogue.product.nameEn'), value: (p) => p.nameEn, width: 30 },
      { header: t('expoCatalogue.product.hsCode'), value: (p) => p.hsCode, width: 10 },
      { header: t('expoCatalogue.product.currency'), value: (p) => p.price.currency, width: 8 },
      { header: t('expoCatalogue.product.priceMin'), value: (p) => p.price.min, width: 12 },
      { header: t('expoCatalogue.product.priceMax'), value: (p) => p.price.max, width: 12 },
      { header: t('expoCatalogue.product.moq'), value: (p) => p.moq, width: 10 },
      { header: t('expoCatalogue.product.moqUnit'), value: (p) => p.moqUnit, width: 8 },
      { header: t('expoCatalogue.product.leadTime'), value: (p) => p.leadTimeDays, width: 8 },
      {
        header: t('expoCatalogue.product.certifications'),
        value: (p) => p.certifications.map((c) => c.scheme).join(' '),
        width: 20,
      },
      { header: t('expoCatalogue.showcase.status'), value: (p) => statusLabel(p.status), width: 10 },
      { header: t('expoCatalogue.booth.updatedAt'), value: (p) => p.updatedAt, width: 22 },
    ],
    collect: (onProgress) => fetchAllOwnProducts(orgId, onProgress),
    messages: {
      progress: (count) => t('expoCatalogue.export.progress', { count: format.number(count) }),
      done: (count) => t('expoCatalogue.export.done', { count: format.number(count) }),
      truncated: (count) => t('expoCatalogue.export.truncated', { count: format.number(count) }),
    },
  });

  const columns: TableColumnsType<Product> = [
    {
      title: t('expoCatalogue.product.name'),
      key: 'name',
      render: (_, p) => pick(language, p.nameZh, p.nameEn),
    },
    { title: t('expoCatalogue.product.hsCode'), dataIndex: 'hsCode', responsive: ['md'] },
    { title: t('expoCatalogue.product.price'), key: 'price', render: (_, p) => priceText(p.price, language) },
    {
      title: t('expoCatalogue.product.moq'),
      key: 'moq',
      responsive: ['lg'],
      render: (_, p) => `${p.moq} ${p.moqUnit}`,
    },
    {
      title: t('expoCatalogue.product.certifications'),
      key: 'certifications',
      responsive: ['lg'],
      render: (_, p) =>
        p.certifications.map((c) => (
          <Tag key={c.scheme} color={VERIFICATION_COLOUR[c.verification]}>
            {c.scheme}
          </Tag>
        )),
    },
    {
      title: t('expoCatalogue.showcase.status'),
      key: 'status',
      render: (_, p) => <Tag color={STATUS_COLOUR[p.status]}>{statusLabel(p.status)}</Tag>,
    },
    {
      title: t('expoCatalogue.booth.actions'),
      key: 'actions',
      render: (_, p) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => setEditing(p)} data-testid="expo-product-edit">
            {t('expoCatalogue.booth.edit')}
          </Button>
          <Button
            size="small"
            loading={status.isPending && status.variables?.id === p.id}
            onClick={() =>
              status.mutate({ id: p.id, action: p.status === 'published' ? 'withdraw' : 'publish' })
            }
            data-testid="expo-product-toggle"
          >
            {p.status === 'published' ? t('expoCatalogue.booth.withdraw') : t('expoCatalogue.booth.publish')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <Card
      title={t('expoCatalogue.booth.products')}
      className="block-gap"
      extra={
        <Space wrap>
          <Button
            icon={<DownloadOutlined />}
            loading={exporting === 'csv'}
            disabled={exporting !== null}
            onClick={() => void runExport('csv')}
            data-testid="expo-products-export-csv"
          >
            {t('tableExport.csv')}
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            loading={exporting === 'xlsx'}
            disabled={exporting !== null}
            onClick={() => void runExport('xlsx')}
            data-testid="expo-products-export-xlsx"
          >
            {t('tableExport.xlsx')}
          </Button>
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="expo-product-new"
          >
            {t('expoCatalogue.booth.newProduct')}
          </Button>
        </Space>
      }
    >
      {status.isError ? <ErrorAlert error={status.error} /> : null}
      {products.isError ? (
        <ErrorAlert error={products.error} onRetry={() => void products.refetch()} />
      ) : null}
      <Table<Product>
        rowKey="id"
        size="small"
        loading={products.isPending}
        columns={columns}
        dataSource={products.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 20,
          total: products.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        data-testid="expo-products-table"
      />
      {editing === null ? null : (
        <ProductModal
          orgId={orgId}
          product={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
};

const ProductModal = ({
  orgId,
  product,
  onClose,
}: {
  orgId: string;
  product: Product | null;
  onClose: () => void;
}) => {
  const { t } = useTranslation();
  const labels = useLabels();
  const [form] = Form.useForm<ProductValues>();
  const save = useSaveProduct(orgId);
  const certify = useCertify(orgId);
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const initial: Partial<ProductValues> =
    product === null
      ? { moqUnit: 'H87', price: { currency: 'USD', min: '', max: '' }, leadTimeDays: 30, certifications: [] }
      : {
          nameZh: product.nameZh,
          nameEn: product.nameEn,
          descriptionZh: product.descriptionZh,
          descriptionEn: product.descriptionEn,
          hsCode: product.hsCode,
          moq: product.moq,
          moqUnit: product.moqUnit,
          price: product.price,
          leadTimeDays: product.leadTimeDays,
          exportMarkets: product.exportMarkets,
          images: product.images.map((i) => i.url).join('\n'),
          certifications: product.certifications.map((c) => c.scheme),
        };

  const submit = async (values: ProductValues) => {
    setUnmatched([]);
    const body = {
      nameZh: values.nameZh,
      nameEn: values.nameEn,
      descriptionZh: values.descriptionZh ?? '',
      descriptionEn: values.descriptionEn ?? '',
      hsCode: values.hsCode.trim(),
      moq: String(values.moq).trim(),
      moqUnit: values.moqUnit.trim().toUpperCase(),
      price: {
        currency: values.price.currency.trim().toUpperCase(),
        min: String(values.price.min).trim(),
        max: String(values.price.max).trim(),
      },
      leadTimeDays: values.leadTimeDays,
      exportMarkets: (values.exportMarkets ?? []).map((m) => m.toUpperCase()),
      images: splitList(values.images).map((url) => ({ url })),
    };
    try {
      const saved = await save.mutateAsync(
        product === null ? { body } : { id: product.id, version: product.version, body },
      );
      // Certifications are claimed one by one: add the new schemes, drop the removed ones.
      const wanted = new Set(values.certifications ?? []);
      const had = new Set(saved.certifications.map((c) => c.scheme));
      for (const scheme of wanted) {
        if (!had.has(scheme)) {
          await certify.mutateAsync({ productId: saved.id, scheme });
        }
      }
      for (const scheme of had) {
        if (!wanted.has(scheme)) {
          await certify.mutateAsync({ productId: saved.id, scheme, remove: true });
        }
      }
      onClose();
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, PRODUCT_FIELDS, labels.fieldError));
    }
  };

  return (
    <Modal
      open
      width={760}
      title={product === null ? t('expoCatalogue.booth.newProduct') : t('expoCatalogue.booth.editProduct')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{
        loading: save.isPending || certify.isPending,
        ...({ 'data-testid': 'expo-product-save' } as object),
      }}
      destroyOnHidden
    >
      {save.isError ? <ErrorAlert error={save.error} fieldErrors={unmatched} /> : null}
      {certify.isError ? <ErrorAlert error={certify.error} /> : null}
      <Form<ProductValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="nameZh" label={t('expoCatalogue.product.nameZh')} rules={[{ required: true }]}>
              <Input maxLength={200} data-testid="expo-product-name-zh" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('expoCatalogue.product.nameEn')} rules={[{ required: true }]}>
              <Input maxLength={200} data-testid="expo-product-name-en" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="descriptionZh" label={t('expoCatalogue.product.descriptionZh')}>
              <Input.TextArea rows={2} maxLength={8000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="descriptionEn" label={t('expoCatalogue.product.descriptionEn')}>
              <Input.TextArea rows={2} maxLength={8000} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="hsCode" label={t('expoCatalogue.product.hsCode')} rules={[{ required: true }]}>
              <Input maxLength={12} placeholder="940542" data-testid="expo-product-hs" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item
              name="leadTimeDays"
              label={t('expoCatalogue.product.leadTime')}
              rules={[{ required: true }]}
            >
              <InputNumber min={0} max={730} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="moq" label={t('expoCatalogue.product.moq')} rules={[{ required: true }]}>
              <Input maxLength={20} data-testid="expo-product-moq" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="moqUnit" label={t('expoCatalogue.product.moqUnit')} rules={[{ required: true }]}>
              <Input maxLength={3} />
            </Form.Item>
          </Col>
          <Col xs={8} md={6}>
            <Form.Item
              name={['price', 'currency']}
              label={t('expoCatalogue.product.currency')}
              rules={[{ required: true }]}
            >
              <Input maxLength={3} />
            </Form.Item>
          </Col>
          <Col xs={8} md={9}>
            <Form.Item
              name={['price', 'min']}
              label={t('expoCatalogue.product.priceMin')}
              rules={[{ required: true }]}
            >
              <Input maxLength={20} inputMode="decimal" data-testid="expo-product-price-min" />
            </Form.Item>
          </Col>
          <Col xs={8} md={9}>
            <Form.Item
              name={['price', 'max']}
              label={t('expoCatalogue.product.priceMax')}
              rules={[{ required: true }]}
            >
              <Input maxLength={20} inputMode="decimal" data-testid="expo-product-price-max" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="exportMarkets" label={t('expoCatalogue.showcase.exportMarkets')}>
              <Select mode="tags" tokenSeparators={[',', ' ']} placeholder="DE, MY" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="certifications" label={t('expoCatalogue.product.certifications')}>
              <Select
                mode="tags"
                options={CERTIFICATION_SCHEMES.map((s) => ({ value: s, label: s }))}
                data-testid="expo-product-certifications"
              />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="images"
              label={t('expoCatalogue.product.images')}
              extra={t('expoCatalogue.product.imagesHelp')}
            >
              <Input.TextArea rows={2} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
};

// ---------------------------------------------------------------- services

type ServiceValues = {
  nameZh: string;
  nameEn: string;
  descriptionZh?: string;
  descriptionEn?: string;
  ebopsCode: string;
  gatsModes: GatsMode[];
  languages?: string[];
};
const SERVICE_FIELDS = [
  'nameZh',
  'nameEn',
  'descriptionZh',
  'descriptionEn',
  'ebopsCode',
  'gatsModes',
  'languages',
];

const ServicesCard = ({ orgId }: { orgId: string }) => {
  const { t, i18n } = useTranslation();
  const statusLabel = useStatusLabel();
  const services = useOwnServices(orgId);
  const status = useServiceStatus(orgId);
  const [editing, setEditing] = useState<Service | 'new' | null>(null);
  const columns: TableColumnsType<Service> = [
    {
      title: t('expoCatalogue.product.name'),
      key: 'name',
      render: (_, s) => pick(i18n.language, s.nameZh, s.nameEn),
    },
    { title: 'EBOPS', dataIndex: 'ebopsCode' },
    {
      title: t('expoCatalogue.service.gatsModes'),
      key: 'modes',
      responsive: ['md'],
      render: (_, s) => s.gatsModes.join(', '),
    },
    {
      title: t('expoCatalogue.showcase.status'),
      key: 'status',
      render: (_, s) => <Tag color={STATUS_COLOUR[s.status]}>{statusLabel(s.status)}</Tag>,
    },
    {
      title: t('expoCatalogue.booth.actions'),
      key: 'actions',
      render: (_, s) => (
        <Space wrap size={4}>
          <Button size="small" onClick={() => setEditing(s)}>
            {t('expoCatalogue.booth.edit')}
          </Button>
          <Button
            size="small"
            onClick={() =>
              status.mutate({ id: s.id, action: s.status === 'published' ? 'withdraw' : 'publish' })
            }
          >
            {s.status === 'published' ? t('expoCatalogue.booth.withdraw') : t('expoCatalogue.booth.publish')}
          </Button>
        </Space>
      ),
    },
  ];
  return (
    <Card
      title={t('expoCatalogue.booth.services')}
      className="block-gap"
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="expo-service-new">
          {t('expoCatalogue.booth.newService')}
        </Button>
      }
    >
      {status.isError ? <ErrorAlert error={status.error} /> : null}
      {services.isError ? (
        <ErrorAlert error={services.error} onRetry={() => void services.refetch()} />
      ) : null}
      <Table<Service>
        rowKey="id"
        size="small"
        loading={services.isPending}
        columns={columns}
        dataSource={services.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={false}
      />
      {editing === null ? null : (
        <ServiceModal
          orgId={orgId}
          service={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
};

const ServiceModal = ({
  orgId,
  service,
  onClose,
}: {
  orgId: string;
  service: Service | null;
  onClose: () => void;
}) => {
  const { t, i18n } = useTranslation();
  const labels = useLabels();
  const ebops = useEbops();
  const [form] = Form.useForm<ServiceValues>();
  const save = useSaveService(orgId);
  const [unmatched, setUnmatched] = useState<ProblemFieldError[]>([]);
  const initial: Partial<ServiceValues> =
    service === null
      ? { gatsModes: ['mode1'], languages: ['zh-CN', 'en'] }
      : {
          nameZh: service.nameZh,
          nameEn: service.nameEn,
          descriptionZh: service.descriptionZh,
          descriptionEn: service.descriptionEn,
          ebopsCode: service.ebopsCode,
          gatsModes: service.gatsModes,
          languages: service.languages,
        };
  const submit = async (values: ServiceValues) => {
    setUnmatched([]);
    const body = {
      nameZh: values.nameZh,
      nameEn: values.nameEn,
      descriptionZh: values.descriptionZh ?? '',
      descriptionEn: values.descriptionEn ?? '',
      ebopsCode: values.ebopsCode,
      gatsModes: values.gatsModes,
      languages: values.languages ?? [],
    };
    try {
      await save.mutateAsync(
        service === null ? { body } : { id: service.id, version: service.version, body },
      );
      onClose();
    } catch (error) {
      setUnmatched(applyFieldErrors(form, error, SERVICE_FIELDS, labels.fieldError));
    }
  };
  return (
    <Modal
      open
      width={720}
      title={service === null ? t('expoCatalogue.booth.newService') : t('expoCatalogue.booth.editService')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: save.isPending }}
      destroyOnHidden
    >
      {save.isError ? <ErrorAlert error={save.error} fieldErrors={unmatched} /> : null}
      <Form<ServiceValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={(v) => void submit(v)}
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="nameZh" label={t('expoCatalogue.product.nameZh')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="nameEn" label={t('expoCatalogue.product.nameEn')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="descriptionZh" label={t('expoCatalogue.product.descriptionZh')}>
              <Input.TextArea rows={2} maxLength={8000} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="descriptionEn" label={t('expoCatalogue.product.descriptionEn')}>
              <Input.TextArea rows={2} maxLength={8000} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="ebopsCode" label={t('expoCatalogue.service.ebops')} rules={[{ required: true }]}>
              <Select
                showSearch
                optionFilterProp="label"
                loading={ebops.isPending}
                options={(ebops.data?.items ?? []).map((item) => ({
                  value: item.code,
                  label: `${item.code} ${pick(i18n.language, item.zh, item.en)}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="gatsModes"
              label={t('expoCatalogue.service.gatsModes')}
              rules={[{ required: true }]}
            >
              <Checkbox.Group
                options={GATS_MODES.map((mode) => ({
                  value: mode,
                  label: {
                    mode1: t('expoCatalogue.service.mode1'),
                    mode2: t('expoCatalogue.service.mode2'),
                    mode3: t('expoCatalogue.service.mode3'),
                    mode4: t('expoCatalogue.service.mode4'),
                  }[mode],
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="languages" label={t('expoCatalogue.service.languages')}>
              <Select mode="tags" tokenSeparators={[',', ' ']} placeholder="zh-CN, en" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
};
