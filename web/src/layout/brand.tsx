import { useTranslation } from 'react-i18next';

/** Logo mark and product name; the name hides when the side menu is collapsed. */
export const Brand = ({ collapsed = false, dark = false }: { collapsed?: boolean; dark?: boolean }) => {
  const { t } = useTranslation();
  return (
    <div className={`brand${dark ? ' brand-dark' : ''}${collapsed ? ' brand-collapsed' : ''}`}>
      <img src="/favicon.svg" alt="" width={28} height={28} />
      {collapsed ? null : (
        <span className="brand-text">
          <span className="brand-name">{t('app.name')}</span>
          <span className="brand-tagline">{t('app.productName')}</span>
        </span>
      )}
    </div>
  );
};
