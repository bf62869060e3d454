import { EnvironmentOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { Col, Empty, List, Row, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShipmentPlan } from '../../api/logistics.ts';
import { useFormat } from '../../i18n/use-format.ts';
import { EChart } from '../charts/e-chart.tsx';
import { buildMapOption, type MapTexts } from './map-option.ts';
import { useLogisticsLabels } from './use-logistics-labels.ts';
import { buildMapModel } from './world-map-model.ts';
import './logistics.css';

type WorldMapProps = { plans: readonly ShipmentPlan[]; testId: string; height?: number };

/**
 * The shipments' routes and current positions on a world outline, with the positions in words
 * beside it (the canvas is not readable by a screen reader) and the places the map cannot draw.
 */
export const WorldMap = ({ plans, testId, height = 360 }: WorldMapProps) => {
  const { t } = useTranslation();
  const labels = useLogisticsLabels();
  const format = useFormat();
  const model = useMemo(() => buildMapModel(plans), [plans]);
  const texts = useMemo<MapTexts>(
    () => ({
      route: (route) =>
        t('logistics.map.routeTip', {
          reference: route.reference,
          from: route.from,
          to: route.to,
          mode: labels.mode(route.mode),
          status: labels.legStatus(route.status),
        }),
      place: (place) => (place.name ? `${place.code} · ${place.name}` : place.code),
      marker: (marker) =>
        marker.status === 'between' && marker.nextPlace
          ? t('logistics.map.between', {
              reference: marker.reference,
              place: marker.place,
              next: marker.nextPlace,
            })
          : t('logistics.map.at', { reference: marker.reference, place: marker.place }),
    }),
    [t, labels],
  );
  const option = useMemo(() => buildMapOption(model, texts), [model, texts]);

  return (
    <Row
      gutter={[16, 16]}
      data-testid={testId}
      data-routes={model.routes.length}
      data-markers={model.markers.length}
    >
      <Col xs={24} lg={17}>
        <EChart
          option={option}
          height={height}
          testId={`${testId}-canvas`}
          ariaLabel={t('logistics.map.aria')}
        />
        <Typography.Text type="secondary" className="map-legend">
          {t('logistics.map.legend')}
        </Typography.Text>
      </Col>
      <Col xs={24} lg={7}>
        <Typography.Title level={5}>{t('logistics.map.positions')}</Typography.Title>
        {model.markers.length === 0 && model.unplacedPositions.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('logistics.map.noPositions')} />
        ) : (
          <List
            size="small"
            dataSource={model.markers}
            data-testid={`${testId}-positions`}
            renderItem={(marker) => (
              <List.Item
                data-testid="map-position"
                data-reference={marker.reference}
                data-place={marker.place}
              >
                <Typography.Text>
                  <EnvironmentOutlined /> {texts.marker(marker)}
                  <br />
                  <Typography.Text type="secondary">
                    {t('logistics.map.asOf', { time: format.dateTime(marker.asOf) })}
                  </Typography.Text>
                </Typography.Text>
              </List.Item>
            )}
          />
        )}
        {model.unknownPlaces.length > 0 ? (
          <div data-testid={`${testId}-unknown`}>
            <Typography.Title level={5}>
              <QuestionCircleOutlined /> {t('logistics.map.unknownTitle')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('logistics.map.unknownHint')}</Typography.Paragraph>
            <ul className="map-unknown">
              {model.unknownPlaces.map((place) => (
                <li key={place.code} data-testid="map-unknown-place" data-place={place.code}>
                  <span className="mono">{place.code}</span>
                  {place.name ? ` · ${place.name}` : ''} — {place.references.join(', ')}
                </li>
              ))}
              {model.unplacedPositions.map((position) => (
                <li key={`position-${position.shipmentId}`} data-testid="map-unplaced-position">
                  {t('logistics.map.unplaced', { reference: position.reference, place: position.place })}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </Col>
    </Row>
  );
};
