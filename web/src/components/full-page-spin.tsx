import { Flex, Spin } from 'antd';

export const FullPageSpin = () => (
  <Flex align="center" justify="center" className="full-page">
    <Spin size="large" />
  </Flex>
);
