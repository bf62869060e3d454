export { registerMeetingRoutes } from './routes-meetings.ts';
