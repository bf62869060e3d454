import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { durationParts } from './shipment-model.ts';

/**
 * Translations of the logistics codes (modes, DCSA event codes and classifiers, stages) with the
 * raw code as fallback, so an event code a carrier sends that the list does not know still shows.
 */
export const useLogisticsLabels = () => {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return useMemo(() => {
    const has = (key: string) => typeof i18n.getResource(locale, 'translation', key) === 'string';
    const code = (prefix: string, value: string) =>
      has(`${prefix}.${value}`) ? t(`${prefix}.${value}`) : value;
    return {
      mode: (mode: string) => code('logistics.modes', mode),
      legStatus: (status: string) => code('logistics.legStatuses', status),
      shipmentStatus: (status: string) => code('logistics.shipmentStatuses', status),
      /** DEPA → "Departed"; the code itself when the list has no word for it. */
      eventCode: (value: string) => code('logistics.eventCodes', value),
      classifier: (value: string) => code('logistics.classifiers', value),
      documentType: (value: string) => code('logistics.documentTypes', value),
      exceptionKind: (kind: string) => code('logistics.exceptionKinds', kind),
      exceptionState: (state: string) => code('logistics.exceptionStates', state),
      milestone: (milestone: string) => code('logistics.milestones', milestone),
      delay: (level: string) => code('logistics.delayLevels', level),
      warehouseRole: (role: string) => code('logistics.warehouseRoles', role),
      movementKind: (kind: string) => code('logistics.movementKinds', kind),
      bucket: (bucket: string) => code('logistics.buckets', bucket),
      returnStage: (stage: string) => code('logistics.returnStages', stage),
      grade: (grade: string) => code('logistics.grades', grade),
      decision: (decision: string) => code('logistics.decisions', decision),
      bookingState: (state: string) => code('logistics.bookingStates', state),
      /** 1 d 2 h 5 min (or 1 天 2 小时 5 分钟); "0 min" for none. */
      duration: (minutes: number) => {
        const parts = durationParts(minutes);
        const text = [
          parts.days > 0 ? t('logistics.duration.days', { count: parts.days }) : '',
          parts.hours > 0 ? t('logistics.duration.hours', { count: parts.hours }) : '',
          parts.minutes > 0 ? t('logistics.duration.minutes', { count: parts.minutes }) : '',
        ]
          .filter((part) => part !== '')
          .join(' ');
        return text === '' ? t('logistics.duration.minutes', { count: 0 }) : text;
      },
    };
  }, [t, i18n, locale]);
};

export type LogisticsLabels = ReturnType<typeof useLogisticsLabels>;
