export { seedDemoIpRegistry } from './demo-seed.ts';
export { registerIpRegistryRoutes } from './routes-ip.ts';
