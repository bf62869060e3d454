import { InboxOutlined, ReloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Spin, Typography, Upload } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { getTrustPolicy, logQueryKeys } from '../api/log.ts';
import { getSharedBundle, type VerificationReport, verifyInBrowser } from '../api/verify.ts';
import { LanguageSwitch } from '../components/language-switch.tsx';
import {
  classifyJson,
  type InputError,
  readVerificationInput,
  type VerificationInput,
} from '../components/verify/read-input.ts';
import { credentialOf, linkFailure } from '../components/verify/report-model.ts';
import { CheckList, DocumentSummary, LogDetails, VerdictBanner } from '../components/verify/report-view.tsx';
import '../components/verify/verify.css';
import { Brand } from '../layout/brand.tsx';

type State =
  | { phase: 'idle' }
  | { phase: 'working'; step: 'reading' | 'fetching' | 'checking' }
  | { phase: 'input_error'; error: InputError; fileName: string }
  | { phase: 'link_not_found' }
  // Nothing could be checked (the hub or the network failed): never shown as "invalid".
  | {
      phase: 'not_checked';
      detailKey:
        | 'verify.policyFailed'
        | 'verify.linkFailed'
        | 'verify.linkNotAnchored'
        | 'verify.verifierFailed';
    }
  | { phase: 'done'; report: VerificationReport; input: VerificationInput; fileName: string | null };

/**
 * The public verification page: a file dropped here or a verification link is checked in this
 * browser with @tradehub/verifier against the hub's trust policy. Works without a session.
 */
export const VerifyPage = () => {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [state, setState] = useState<State>({ phase: 'idle' });
  // A newer file or link wins over a check still running for an older one.
  const run = useRef(0);

  const loadPolicy = useCallback(
    () =>
      queryClient.fetchQuery({
        queryKey: logQueryKeys.trustPolicy,
        queryFn: ({ signal }) => getTrustPolicy(signal),
        staleTime: 5 * 60_000,
      }),
    [queryClient],
  );

  const check = useCallback(
    async (input: VerificationInput, fileName: string | null, id: number) => {
      setState({ phase: 'working', step: 'checking' });
      let policy: unknown;
      try {
        policy = await loadPolicy();
      } catch {
        if (run.current === id) {
          setState({ phase: 'not_checked', detailKey: 'verify.policyFailed' });
        }
        return;
      }
      try {
        const report = await verifyInBrowser(input.value, policy);
        if (run.current === id) {
          setState({ phase: 'done', report, input, fileName });
        }
      } catch {
        // The verifier reports problems in its result; an exception is a fault of this page or the
        // browser, which says nothing about the document.
        if (run.current === id) {
          setState({ phase: 'not_checked', detailKey: 'verify.verifierFailed' });
        }
      }
    },
    [loadPolicy],
  );

  const onFile = useCallback(
    async (file: File) => {
      run.current += 1;
      const id = run.current;
      if (params.has('doc') || params.has('t')) {
        setParams({}, { replace: true });
      }
      setState({ phase: 'working', step: 'reading' });
      const result = await readVerificationInput(new Uint8Array(await file.arrayBuffer()));
      if (run.current !== id) {
        return;
      }
      if (!result.ok) {
        setState({ phase: 'input_error', error: result.error, fileName: file.name });
        return;
      }
      await check(result.input, file.name, id);
    },
    [check, params, setParams],
  );

  const documentId = params.get('doc');
  const token = params.get('t');
  useEffect(() => {
    if (!documentId || !token) {
      return;
    }
    run.current += 1;
    const id = run.current;
    setState({ phase: 'working', step: 'fetching' });
    getSharedBundle(documentId, token)
      .then((bundle) => {
        if (run.current !== id) {
          return;
        }
        const classified = classifyJson(bundle, 'link');
        if (!classified.ok) {
          setState({ phase: 'not_checked', detailKey: 'verify.linkFailed' });
          return;
        }
        void check(classified.input, null, id);
      })
      .catch((error: unknown) => {
        if (run.current !== id) {
          return;
        }
        setState(linkFailure(error));
      });
  }, [documentId, token, check]);

  const reset = () => {
    run.current += 1;
    setParams({}, { replace: true });
    setState({ phase: 'idle' });
  };

  return (
    <div className="verify-page" data-testid="verify-page">
      <header className="verify-header">
        <Link to="/verify" onClick={reset} aria-label={t('verify.title')}>
          <Brand />
        </Link>
        <div className="verify-header-actions">
          <LanguageSwitch compact />
          <Link to="/" data-testid="verify-workspace-link">
            {t('verify.workspace')}
          </Link>
        </div>
      </header>
      <main className="verify-main">
        <Typography.Title level={2} data-testid="verify-title">
          <SafetyCertificateOutlined /> {t('verify.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('verify.subtitle')}</Typography.Paragraph>
        <Body state={state} onFile={onFile} onReset={reset} />
      </main>
    </div>
  );
};

type BodyProps = { state: State; onFile: (file: File) => Promise<void>; onReset: () => void };

const Body = ({ state, onFile, onReset }: BodyProps) => {
  const { t } = useTranslation();
  const again = (
    <Button icon={<ReloadOutlined />} onClick={onReset} data-testid="verify-again">
      {t('verify.again')}
    </Button>
  );
  switch (state.phase) {
    case 'idle':
      return <DropZone onFile={onFile} />;
    case 'working':
      return (
        <Card data-testid="verify-working">
          <Spin />
          <Typography.Text className="verify-working-text">
            {' '}
            {t(`verify.steps.${state.step}`)}
          </Typography.Text>
        </Card>
      );
    case 'input_error':
      return (
        <>
          <Alert
            type="error"
            showIcon
            data-testid="verify-input-error"
            data-error={state.error}
            title={t(`verify.inputErrors.${state.error}`)}
            description={t('verify.checkedFile', { name: state.fileName })}
          />
          <DropZone onFile={onFile} />
        </>
      );
    case 'link_not_found':
      return (
        <>
          <Alert
            type="warning"
            showIcon
            data-testid="verify-link-not-found"
            title={t('verify.linkNotFound')}
          />
          <DropZone onFile={onFile} />
        </>
      );
    case 'not_checked':
      return (
        <>
          <VerdictBanner verdict="ERROR" detail={t(state.detailKey)} />
          {again}
        </>
      );
    case 'done':
      return (
        <>
          <VerdictBanner
            verdict={state.report.verdict}
            fileName={state.fileName}
            // A bare credential has no log proof, so "could not check" is expected: say why.
            {...(state.input.kind === 'credential' && state.report.verdict !== 'INVALID'
              ? { detail: t('verify.credentialOnly') }
              : {})}
          />
          <CheckList report={state.report} />
          <DocumentSummary report={state.report} credential={credentialOf(state.input.value)} />
          <LogDetails report={state.report} />
          {again}
        </>
      );
  }
};

const DropZone = ({ onFile }: { onFile: (file: File) => Promise<void> }) => {
  const { t } = useTranslation();
  return (
    <div data-testid="verify-dropzone" className="verify-dropzone">
      <Upload.Dragger
        accept=".json,.pdf,application/json,application/pdf"
        multiple={false}
        showUploadList={false}
        beforeUpload={(file) => {
          void onFile(file);
          // The file never leaves the browser.
          return false;
        }}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('verify.drop.title')}</p>
        <p className="ant-upload-hint">{t('verify.drop.hint')}</p>
      </Upload.Dragger>
      <Typography.Paragraph type="secondary" className="verify-privacy">
        {t('verify.drop.privacy')}
      </Typography.Paragraph>
    </div>
  );
};
