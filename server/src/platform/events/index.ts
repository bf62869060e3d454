export { backoffDelayMs, type RetryPolicy } from './backoff.ts';
export {
  type CancelTimer,
  createEventBus,
  type EventBus,
  type EventBusOptions,
  type EventHandler,
  type OutboxEvent,
  type ScheduleTimer,
} from './event-bus.ts';
export { idempotentConsumer } from './idempotent-consumer.ts';
export { isEventTopic, type PublishEventInput, publishEvent, publishEvents } from './publish-event.ts';
